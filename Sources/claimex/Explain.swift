import ArgumentParser
import Claimex
import Foundation

/// `claimex explain`: why the rules found what they found in one page.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a page's sentences, tokens and each stage's mentions with the rule that made them.",
        discussion: "Candidates that lost an overlap are listed with the rule that beat them.")

    @Argument(help: "An HTML page.")
    var file: String

    @Option(help: "Only this sentence (1-based, as numbered in the output).")
    var sentence: Int?

    @Option(help: "Only what this rule made or lost.")
    var rule: String?

    @OptionGroup var rulesOption: RulesOption

    func validate() throws {
        if let sentence, sentence < 1 { throw ValidationError("--sentence counts from 1.") }
    }

    func run() throws {
        let rules = try rulesOption.load()
        if let rule, rules.rule(rule) == nil {
            printError("claimex: error: no rule '\(rule)'; `claimex rules list` lists them")
            throw ExitCode(2)
        }
        print(Explainer(rules: rules).explain(path: file, sentence: sentence, rule: rule), terminator: "")
    }
}
