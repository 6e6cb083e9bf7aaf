#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    vendorcert_fuzz::registry_answer(data);
});
