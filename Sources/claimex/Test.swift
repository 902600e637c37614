import ArgumentParser
import Claimex
import ClaimexOutput
import Foundation

/// `claimex test`: the Corpus extracted again and compared with its committed baseline.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Extract the Corpus again and show every claim that moved against the baseline, by rule and by page.",
        discussion: """
        The baseline is the folder `claimex extract CORPUS -o BASELINE/` writes:
        one BASELINE/<path under CORPUS>.jsonl per page. Records are compared by
        id and content: `+` added, `-` removed, `~` changed (the same record by
        kind and place, with the fields that differ). A change is charged to the
        record's rule, and to its role rule when its role moved. With
        NAME.gold.json beside NAME.html, the gold scores of the baseline and of
        the fresh records are shown side by side.

        Exit status: 0 when nothing changed (or --update rewrote the baseline),
        1 when something changed, 2 for errors (no baseline, a broken rule or
        baseline file).

        Examples:
          claimex test                        Corpus against Output/
          claimex test --rules my-rules       try rule edits before they land
          claimex test --update               accept the changes: rewrite Output/
          claimex test --format json --junit junit.xml      for CI systems
        """)

    @Argument(help: "The pages or folders to extract.")
    var corpus: [String] = ["Corpus"]

    @Option(help: ArgumentHelp("The baseline folder, one PAGE.jsonl per page.", valueName: "DIR"))
    var baseline = "Output"

    @OptionGroup var rulesOption: RulesOption

    @Flag(help: "Rewrite the baseline with the fresh records (after showing what changed) and exit 0.")
    var update = false

    @Option(help: ArgumentHelp("How to print the report: text or json.", valueName: "text|json"))
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Also write the result as JUnit XML to FILE, one test case per page.", valueName: "FILE"))
    var junit: String?

    @OptionGroup var jobsOption: JobsOption
    var jobs: Int { jobsOption.jobs }

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }


    func run() throws {
        for path in corpus where !FileManager.default.fileExists(atPath: path) {
            printError("claimex: error: no such file or folder '\(path)'; give the corpus folder as CORPUS (default: Corpus, from the package folder)")
            throw ExitCode(2)
        }
        let rules = try rulesOption.load()
        let inputs = InputCollector().collect(corpus)
        guard !inputs.isEmpty else {
            printError("claimex: error: no *.html, *.htm or *.xhtml pages under \(corpus.joined(separator: " "))")
            throw ExitCode(2)
        }
        let report: RegressionReport
        do {
            report = try RegressionRun(inputs: inputs, rules: rules, baseline: baseline, jobs: jobs).run(update: update)
        } catch {
            printError("claimex: error: \(error)")
            throw ExitCode(2)
        }
        switch format {
        case .text: print(report.text(), terminator: "")
        case .json: print(report.json().serialized())
        }
        if let junit {
            do {
                try Data(report.junit().utf8).write(to: URL(fileURLWithPath: junit), options: .atomic)
            } catch {
                printError("claimex: error: cannot write the JUnit report to \(junit): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        if report.hasChanges && !update { throw ExitCode(1) }
    }
}
