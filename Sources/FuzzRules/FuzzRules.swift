// A libFuzzer target for the rule language: arbitrary bytes as a rule file, compiled
// beside the default lexicons; when it compiles, its rules run over a fixed text, so the
// matcher meets whatever programs the compiler accepts. Built only by scripts/fuzz, with
// -DCLAIMEX_FUZZING and -sanitize=fuzzer; a plain build makes a stub that says so.
import Claimex
import ClaimexRules
import ClaimexModel
import ClaimexText

#if CLAIMEX_FUZZING

/// The default lexicons and stage settings, without the large name lists (compiled per
/// input, they would slow every run), and the rules' example text.
let support: [RuleSource] = RuleLibrary.defaultSources.filter { source in
    let large = ["organizations.tsv", "people.tsv", "places.tsv", "products.tsv", "first-names.tsv"]
    return (source.path.hasSuffix(".tsv") && !large.contains { source.path.hasSuffix($0) }) || source.path.hasSuffix("stages.yml")
}

let sample = """
    Quarry Ventures led the $300 million round, which values Lumen AI at about €2.5bn. \
    It raised three hundred million dollars from Harbor Capital and others, people familiar said. \
    Shares of $NWND rose 5% to 1,234.50 yen on Friday; 7-10 million USD a year.
    """

/// SwiftPM links an executable target with `main` aliased to `FuzzRules_main` (so tests can
/// import it), which hides libFuzzer's own `main`; this entry point hands the process to
/// libFuzzer's driver instead.
@_cdecl("FuzzRules_main")
public func fuzzRulesMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LibFuzzer.runDriver(&count, &arguments, { data, size in
        guard let data else { return 0 }
        return fuzzRules(data, size)
    })
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let sources = support + [RuleSource(path: "Rules/fuzz.yml", contents: text)]
    do {
        let rules = try RuleSet.compile(sources)
        let analyzed = rules.tokenizer.analyze(sample, blocks: [TextSpan(0, sample.unicodeScalars.count)])
        _ = RuleEngine(rules: rules).run(analyzed)
    } catch {
        // Every error must render: file, line, column, caret.
        _ = error.description
    }
    return 0
}

#else

@main
enum FuzzRules {
    static func main() {
        print("FuzzRules is a libFuzzer target; build and run it with scripts/fuzz.")
    }
}

#endif
