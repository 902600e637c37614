import ArgumentParser
import Claimex
import Foundation

/// `claimex score`: precision, recall and F1 against gold files.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score extraction against gold files (NAME.gold.json beside NAME.html): P/R/F1 per kind and per rule.",
        discussion: """
        GOLD is a gold file or a folder searched for *.gold.json. Without --pred, the pages the \
        gold files name are extracted with the rules first. Exit 1 when a --require is not met.
        """)

    @Argument(help: "Gold files or folders of them.")
    var gold: [String]

    @Option(help: "Score these JSON Lines records instead of extracting the pages.")
    var pred: String?

    @Flag(help: "List every miss and extra, per page.")
    var misses = false

    @Option(help: ArgumentHelp("Fail (exit 1) unless METRIC >= X, e.g. money.f1>=0.97.", valueName: "METRIC>=X"))
    var require: [String] = []

    @Option(help: "Worker threads for extraction.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var rulesOption: RulesOption

    func run() throws {
        let files = GoldScorer.goldFiles(gold)
        guard !files.isEmpty else {
            printError("claimex: error: no *.gold.json under \(gold.joined(separator: " "))")
            throw ExitCode(2)
        }
        let rules = try rulesOption.load()
        let records = try pred.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let scorer = try GoldEvaluation.score(golds: files, records: records, rules: rules, jobs: max(1, jobs))
        if misses {
            var page = ""
            for miss in scorer.misses {
                if miss.page != page { print("== \(miss.page)"); page = miss.page }
                print("   \(miss.what)")
            }
            print("")
        }
        var metrics: [String: Double] = [:]
        print("pages: \(Int(scorer.counts["docs"] ?? 0))")
        for field in ["article.title", "article.published", "article.url", "article.site", "text.must_contain", "text.must_not_contain",
                      "money.span", "money.qualifier", "money.role", "money.period", "money.range", "money.subject",
                      "investment.amount", "investment.modality"] {
            if let rate = scorer.rate(field) {
                metrics[field] = rate
                print(field.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%.3f", rate))
            }
        }
        for kind in ["entity", "money", "investment"] {
            let (p, r, f1) = scorer.prf(kind)
            metrics["\(kind).p"] = p; metrics["\(kind).r"] = r; metrics["\(kind).f1"] = f1
            let counts = scorer.counts
            print("\(kind.padding(toLength: 11, withPad: " ", startingAt: 0)) P \(String(format: "%.3f", p))  R \(String(format: "%.3f", r))  F1 \(String(format: "%.3f", f1))"
                  + "   (\(Int(counts["\(kind).correct"] ?? 0))/\(Int(counts["\(kind).pred"] ?? 0)) predicted right, \(Int(counts["\(kind).found"] ?? 0))/\(Int(counts["\(kind).gold"] ?? 0)) gold found)")
        }
        metrics["investment.decoys"] = scorer.counts["investment.decoy"] ?? 0
        print("investment decoys emitted: \(Int(metrics["investment.decoys"]!))")
        print("\nper rule (predictions right / made):")
        for (rule, tally) in scorer.byRule.sorted(by: { $0.key < $1.key }) {
            print("  \(rule.padding(toLength: 34, withPad: " ", startingAt: 0)) \(tally.correct)/\(tally.predicted)  P \(String(format: "%.3f", Double(tally.correct) / Double(max(tally.predicted, 1))))")
        }
        var short: [String] = []
        for requirement in require {
            let parts = requirement.components(separatedBy: ">=")
            let lower = requirement.components(separatedBy: "<=")
            if parts.count == 2, let bound = Double(parts[1]) {
                if (metrics[parts[0]] ?? -1) < bound { short.append("\(parts[0]) = \(String(format: "%.3f", metrics[parts[0]] ?? 0)), needs >= \(parts[1])") }
            } else if lower.count == 2, let bound = Double(lower[1]) {
                if (metrics[lower[0]] ?? .infinity) > bound { short.append("\(lower[0]) = \(metrics[lower[0]] ?? 0), needs <= \(lower[1])") }
            } else {
                printError("claimex: error: bad --require '\(requirement)'; write METRIC>=X or METRIC<=X")
                throw ExitCode(2)
            }
        }
        for line in short { print("SHORT: \(line)") }
        if !short.isEmpty { throw ExitCode(1) }
    }
}
