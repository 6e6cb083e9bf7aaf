//! The HTML report in a real browser: headless Chromium opens the report of the example
//! portfolio and of a portfolio holding a hostile vendor (`fixtures/html/hostile`), and the
//! tests check the page as the browser built it (`--dump-dom`): one matrix row per vendor, no
//! element made from evidence text, the title unchanged, and no request leaving the page. A
//! screenshot of each is saved under `target/tmp/browser/`.
//!
//! Every Chromium run goes through a proxy that the test listens on at 127.0.0.1 (also for
//! loopback, `<-loopback>`), so nothing leaves the machine and every request is seen. Chromium
//! makes a few requests of its own (component updates, network time, sign-in) whatever the
//! flags; those go to Google's service hosts and are told apart by host. A control page with
//! an external image and an `onerror` handler shows that the harness does see a page's requests
//! and scripts.
//!
//! Chromium is looked for at `/usr/bin/chromium` (or `VENDORCERT_CHROMIUM`). Without it the
//! tests are skipped, saying why, unless `VENDORCERT_REQUIRE_BROWSER=1` (as in CI), where they
//! fail.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(120);
const REPORT_TITLE: &str = "<title>Vendor certification report, as of 2026-11-23</title>";

/// One Chromium at a time: the machine may have two cores.
static BROWSER: Mutex<()> = Mutex::new(());

/// The Chromium binary, or `None` (with why) when the tests are to be skipped.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("VENDORCERT_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.is_file() {
        return Some(path);
    }
    let why = format!(
        "Chromium not found at {} (install the `chromium` package, or set VENDORCERT_CHROMIUM)",
        path.display()
    );
    if std::env::var("VENDORCERT_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("{why}; VENDORCERT_REQUIRE_BROWSER=1 requires the browser tests to run");
    }
    eprintln!("skipped: {why}");
    None
}

/// Where the reports and screenshots go: under `target/`.
fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the HTML report of `fixture` with the built binary and returns its path.
fn report(fixture: &str, name: &str) -> PathBuf {
    let file = out_dir().join(format!("{name}.html"));
    let out = assert_cmd::Command::cargo_bin("vendorcert")
        .unwrap()
        .current_dir(ROOT)
        .args([
            "check",
            fixture,
            "--as-of",
            "2026-11-23",
            "--format",
            "html",
        ])
        .arg("--output")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{fixture} holds failing vendors; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    file
}

/// A proxy that accepts connections on 127.0.0.1, records each request's first line and
/// closes the connection: nothing is forwarded anywhere.
struct Trap {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Trap {
    fn open() -> Trap {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen, stopped) = (Arc::clone(&requests), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            // Bounded: the test stops it; the deadline only guards against a test that panics.
            let deadline = Instant::now() + CHROMIUM_TIMEOUT * 2;
            while !stopped.load(Ordering::SeqCst) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => seen.lock().unwrap().push(first_line(stream)),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(10))
                    }
                    Err(e) => panic!("proxy listener: {e}"),
                }
            }
        });
        Trap {
            port,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    /// Stops listening and returns the requests seen. A connection that sent nothing is not a
    /// request: Chromium sometimes opens a speculative socket to its proxy, under load, and
    /// closes it unused; nothing can be fetched through a connection that sends no request line.
    fn close(mut self) -> Vec<String> {
        // Let a connection made just before Chromium exited be accepted.
        std::thread::sleep(Duration::from_millis(200));
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.as_str() != NOTHING_SENT)
            .cloned()
            .collect()
    }
}

/// What the trap records for a connection that sent no request line.
const NOTHING_SENT: &str = "(a connection that sent nothing)";

fn first_line(mut stream: TcpStream) -> String {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut buffer = [0u8; 2048];
    let n = stream.read(&mut buffer).unwrap_or(0);
    let text = String::from_utf8_lossy(&buffer[..n]);
    let line = text.lines().next().unwrap_or("").to_string();
    if line.is_empty() {
        NOTHING_SENT.to_string()
    } else {
        line
    }
}

/// The host a proxied request line names: `CONNECT host:443 HTTP/1.1` or
/// `GET http://host/path HTTP/1.1`.
fn host_of(request: &str) -> String {
    let target = request.split_whitespace().nth(1).unwrap_or("");
    let target = target.split("://").nth(1).unwrap_or(target);
    let authority = target.split('/').next().unwrap_or("");
    authority
        .rsplit_once(':')
        .map_or(authority, |(h, _)| h)
        .to_ascii_lowercase()
}

/// Chromium's own service hosts: update checks, network time, sign-in. A page's request is
/// anything else.
fn browser_service(host: &str) -> bool {
    ["google.com", "googleapis.com", "gvt1.com"]
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

/// What a Chromium run gave: its standard output and the requests the page made.
struct Run {
    stdout: String,
    page_requests: Vec<String>,
}

/// Runs headless Chromium on `page` with `action` (`--dump-dom`, `--screenshot=…`), with a fresh
/// profile and every request sent to a trap.
fn chromium_run(chromium: &Path, page: &Path, action: &[String]) -> Run {
    let profile = tempfile::tempdir().unwrap();
    let trap = Trap::open();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--proxy-server=http://127.0.0.1:{}", trap.port))
        .arg("--proxy-bypass-list=<-loopback>")
        .args(action)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).unwrap();
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > CHROMIUM_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Chromium did not finish {action:?} within {CHROMIUM_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = reader.join().unwrap();
    let requests = trap.close();
    assert!(status.success(), "Chromium failed on {action:?}: {status}");
    Run {
        stdout,
        page_requests: requests
            .into_iter()
            .filter(|r| !browser_service(&host_of(r)))
            .collect(),
    }
}

fn dump_dom(chromium: &Path, page: &Path) -> Run {
    let run = chromium_run(chromium, page, &["--dump-dom".to_string()]);
    assert!(
        run.stdout.contains("</html>"),
        "Chromium printed no DOM: {:?}",
        &run.stdout[..run.stdout.len().min(300)]
    );
    run
}

/// Saves a 1400×2000 screenshot of `page` to `png`, checks it is one, and returns the page's
/// requests.
fn screenshot(chromium: &Path, page: &Path, png: &Path) -> Vec<String> {
    let _ = std::fs::remove_file(png);
    let run = chromium_run(
        chromium,
        page,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1400,2000".to_string(),
        ],
    );
    let bytes =
        std::fs::read(png).unwrap_or_else(|e| panic!("no screenshot {}: {e}", png.display()));
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1400, 2000));
    assert!(bytes.len() > 50_000, "a blank page? {} bytes", bytes.len());
    eprintln!("screenshot: {}", png.display());
    run.page_requests
}

/// The elements of a serialized DOM whose name is `name` (`<img`, but not `<imgx`).
fn elements(dom: &str, name: &str) -> usize {
    let open = format!("<{name}");
    dom.match_indices(&open)
        .filter(|(at, _)| {
            dom[at + open.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_whitespace() || c == '>' || c == '/')
        })
        .count()
}

#[test]
fn the_harness_sees_a_pages_scripts_and_requests() {
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let Some(chromium) = chromium() else { return };
    // Without this, the other tests' "no script ran" and "no request" could pass vacuously.
    let page = out_dir().join("control.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><title>before</title></head><body>\
         <img src=\"http://control.example.invalid/pixel.png\" onerror=\"document.title='ran'\">\
         </body></html>",
    )
    .unwrap();
    let run = dump_dom(&chromium, &page);
    assert!(
        run.stdout.contains("<title>ran</title>"),
        "the control page's handler ran: {}",
        run.stdout
    );
    assert!(
        run.page_requests
            .iter()
            .any(|r| host_of(r) == "control.example.invalid"),
        "the trap saw the control page's request: {:?}",
        run.page_requests
    );
}

#[test]
fn the_portfolio_report_in_a_browser() {
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let Some(chromium) = chromium() else { return };
    let page = report("fixtures/portfolio", "portfolio");
    let run = dump_dom(&chromium, &page);
    let dom = &run.stdout;
    assert!(dom.contains(REPORT_TITLE), "the title is the report's");
    // The browser built the matrix as a table with one row per vendor (9 in the portfolio).
    let start = dom
        .find("<table class=\"matrix\">")
        .expect("the matrix table");
    let matrix = &dom[start..start + dom[start..].find("</table>").unwrap()];
    assert_eq!(matrix.matches("<tr class=\"vendor\">").count(), 9);
    assert_eq!(matrix.matches("<th scope=\"row\">").count(), 9);
    assert!(dom.contains("<svg viewBox="), "the timeline is drawn");
    for name in ["script", "img", "iframe", "object", "embed", "link"] {
        assert_eq!(elements(dom, name), 0, "a <{name}> element in the DOM");
    }
    assert!(
        run.page_requests.is_empty(),
        "the page made requests: {:?}",
        run.page_requests
    );
    let requests = screenshot(&chromium, &page, &out_dir().join("portfolio.png"));
    assert!(requests.is_empty(), "the page made requests: {requests:?}");
}

#[test]
fn a_hostile_vendor_in_a_browser() {
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let Some(chromium) = chromium() else { return };
    let page = report("fixtures/html/hostile", "hostile");
    let run = dump_dom(&chromium, &page);
    let dom = &run.stdout;
    // No script ran and no markup from the evidence became an element: the title is the
    // report's, and there is no <img>, <script>, <iframe>, … anywhere in the DOM.
    assert!(dom.contains(REPORT_TITLE), "the title is the report's");
    for name in [
        "script", "img", "iframe", "object", "embed", "link", "marquee", "b",
    ] {
        assert_eq!(elements(dom, name), 0, "a <{name}> element in the DOM");
    }
    assert_eq!(
        elements(dom, "style"),
        1,
        "only the report's own stylesheet"
    );
    assert_eq!(elements(dom, "svg"), 1, "only the timeline");
    // The hostile name is text, in its row header and its section heading.
    let escaped = "&lt;img src=x onerror=alert(1)&gt;";
    assert!(dom.contains(&format!("<a href=\"#v0\">{escaped}</a>")));
    assert!(dom.contains(&format!("<h3>{escaped} <span class=\"verdict fail\">")));
    let start = dom
        .find("<table class=\"matrix\">")
        .expect("the matrix table");
    let matrix = &dom[start..start + dom[start..].find("</table>").unwrap()];
    assert_eq!(matrix.matches("<tr class=\"vendor\">").count(), 3);
    assert!(
        run.page_requests.is_empty(),
        "the page made requests: {:?}",
        run.page_requests
    );
    let requests = screenshot(&chromium, &page, &out_dir().join("hostile.png"));
    assert!(requests.is_empty(), "the page made requests: {requests:?}");
}

#[test]
fn requests_are_told_apart_by_host() {
    assert_eq!(
        host_of("CONNECT update.googleapis.com:443 HTTP/1.1"),
        "update.googleapis.com"
    );
    assert_eq!(
        host_of("GET http://Control.Example.invalid/x.png HTTP/1.1"),
        "control.example.invalid"
    );
    assert!(browser_service("accounts.google.com"));
    assert!(!browser_service("attacker.example"));
    assert!(!browser_service("notgoogle.com"));
}
