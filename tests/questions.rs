//! `vendorcert questions`: the questionnaire for a vendor with gaps.

use assert_cmd::Command;

fn questions(format: &str) -> std::process::Output {
    Command::cargo_bin("vendorcert")
        .unwrap()
        .args([
            "questions",
            "fixtures/portfolio/tessellate-hub",
            "--as-of",
            "2026-11-23",
            "--policy",
            "ai-vendor",
            "--format",
            format,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn the_markdown_questionnaire_asks_what_the_gaps_need() {
    let out = questions("markdown");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("# Questions for Tessellate Hub, Inc. (tessellate-hub)\n"),
        "{text}"
    );
    for expected in [
        "## SOC 2",
        "## AI-specific concerns",
        "**Will your next SOC 2 report include the Confidentiality (and, for personal data, Privacy) trust services criteria?**",
        "   - Why we ask (SOC2-CATEGORIES): SOC 2 Type 2 report by Ledger & Stone LLP, period ending 2026-03-31: Confidentiality is not in scope, and it is essential for an AI vendor",
        "**When was your AI system last red-teamed by an independent party, which scenarios were tested (prompt injection, indirect prompt injection, jailbreak, data exfiltration), and were the fixes retested?**",
        "   - Why we ask (AI-ADVERSARIAL): no adversarial testing recorded",
        "   - Risk left uncovered: prompt injection (LLM01:2025 Prompt Injection)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // Passing rules ask nothing.
    assert!(!text.contains("(SOC2-TYPE)"), "{text}");
}

#[test]
fn the_json_questionnaire_groups_questions_by_topic() {
    let out = questions("json");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["vendor"], "tessellate-hub");
    assert_eq!(v["policy"], "ai-vendor");
    let topics: Vec<&str> = v["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["topic"].as_str().unwrap())
        .collect();
    assert_eq!(topics.first(), Some(&"SOC 2"));
    assert_eq!(topics.last(), Some(&"AI-specific concerns"));
    let ai = v["topics"].as_array().unwrap().last().unwrap();
    let adversarial = ai["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["rule"] == "AI-ADVERSARIAL")
        .unwrap();
    assert_eq!(
        adversarial["reasons"],
        serde_json::json!(["no adversarial testing recorded"])
    );
    assert_eq!(
        adversarial["ai_gap"]["owasp"],
        "LLM01:2025 Prompt Injection"
    );
}

#[test]
fn questions_for_a_folder_of_vendors_is_a_usage_error() {
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .args(["questions", "fixtures/portfolio", "--as-of", "2026-11-23"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds more than one vendor"));
}
