#if CLAIMEX_FUZZING

/// libFuzzer's driver, linked in by `-sanitize=fuzzer`.
enum LibFuzzer {
    typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    /// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t))`
    @_silgen_name("LLVMFuzzerRunDriver")
    static func runDriver(_ argc: UnsafeMutablePointer<Int32>,
                          _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                          _ callback: TestOneInput) -> Int32
}

#endif
