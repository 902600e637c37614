// A libFuzzer target: arbitrary bytes as a page, through decoding, libxml2, article
// extraction, the default rules and the JSON encoder; and checks that passing over scripts
// gives the tree reading them gives. Built only by scripts/fuzz, with
// -DCLAIMEX_FUZZING and -sanitize=fuzzer; a plain build makes a stub that says so.
import Claimex
@_spi(Checking) import ClaimexHTML
import ClaimexModel
import ClaimexOutput

#if CLAIMEX_FUZZING

/// Compiled once: the default rules, as `claimex extract` uses them.
let processor: DocumentProcessor = {
    guard let rules = try? RuleLibrary.load(directory: nil) else { fatalError("the default rules do not compile") }
    // No time budget: a page that runs long must show up as a libFuzzer timeout.
    return DocumentProcessor(rules: rules, limits: ProcessingLimits(pageTimeout: nil))
}()

/// SwiftPM links an executable target with `main` aliased to `FuzzPage_main` (so tests can
/// import it), which hides libFuzzer's own `main`; this entry point hands the process to
/// libFuzzer's driver instead.
@_cdecl("FuzzPage_main")
public func fuzzPageMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LibFuzzer.runDriver(&count, &arguments, { data, size in
        guard let data else { return 0 }
        return fuzzPage(data, size)
    })
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPage(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = processor.process(InputDocument(path: "fuzz.html", bytes: bytes))
    _ = RecordEncoder().jsonLines(for: result)
    if case .extracted(let claims) = result.outcome {
        PageInvariants.check(claims)
    }
    // libxml2 moved past scripts and styles must build what reading them builds.
    precondition(HTMLDocument.skippingRawTextAgrees(bytes, limits: ParseLimits(maxDepth: 40)),
                 "passing over raw text changed the tree or libxml2's messages")
    return 0
}

#else

@main
enum FuzzPage {
    static func main() {
        print("FuzzPage is a libFuzzer target; build and run it with scripts/fuzz.")
    }
}

#endif
