#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    vendorcert_fuzz::draft(data);
});
