#if canImport(Glibc)
import Glibc
#endif

/// Hands one fuzz entry to libFuzzer's driver, which then parses libFuzzer's own flags
/// (`-max_total_time=`, `-merge=1`, a corpus folder, a crash file to replay…) and calls the
/// entry with every input it tries.
///
/// Only links with `-sanitize=fuzzer`, which supplies `LLVMFuzzerRunDriver`.
public enum FuzzDriver {
    /// SwiftPM names the executable's own entry point `main`, so libFuzzer's `main` never
    /// runs; its driver is started from ours instead.
    public static func run(_ entry: @escaping @Sendable ([UInt8]) -> Void) -> Never {
        current = entry
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput))
    }

    /// Set once before the driver starts; libFuzzer calls back on this same thread.
    nonisolated(unsafe) static var current: (@Sendable ([UInt8]) -> Void)?
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// libFuzzer's runtime also links its own `main`, which needs this symbol to exist.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzDriver.current?(Array(UnsafeBufferPointer(start: start, count: count)))
    return 0
}
