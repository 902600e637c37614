import ArgumentParser
import Claimex
import ClaimexRules
import Foundation

/// `claimex rules check|test|list`.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check, test and list extraction rules, and measure how they fare on a corpus.",
        subcommands: [Check.self, Test.self, List.self, Coverage.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile the rules and report every error in them (exit 2 if any).")

        @OptionGroup var rulesOption: RulesOption

        func run() throws {
            let rules = try rulesOption.load()
            let examples = rules.rules.reduce(0) { $0 + $1.examples.count }
            print("rules: \(rules.rules.count) rules, \(rules.lexicons.count) lexicons, \(examples) examples: OK")
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples; exit 1 if any fails.",
            discussion: "Each example also runs behind a prefix of emoji and CJK text, to prove offsets are counted in code points.")

        @OptionGroup var rulesOption: RulesOption

        @Option(help: "Only the rules whose id starts with this.")
        var only: String?

        @Flag(name: .shortAndLong, help: "List every example, not only failures.")
        var verbose = false

        func run() throws {
            let rules = try rulesOption.load()
            let outcomes = RuleExampleRunner(rules: rules).runAll(filter: only)
            var failed = 0, todo = 0
            for outcome in outcomes {
                if outcome.example.isTodo {
                    todo += 1
                    if verbose { print("\(outcome.example.file):\(outcome.example.line): todo: \(outcome.rule): \(outcome.example.text)") }
                    continue
                }
                if outcome.passed {
                    if verbose { print("\(outcome.example.file):\(outcome.example.line): ok: \(outcome.rule)") }
                    continue
                }
                failed += 1
                print("\(outcome.example.file):\(outcome.example.line): error: example of \(outcome.rule) failed")
                print("    text: \(outcome.example.text)")
                for problem in outcome.problems { print("    \(problem)") }
                print("    found:")
                for record in outcome.records { print("      \(record)") }
                if outcome.records.isEmpty { print("      (no records)") }
                print("    tokens: \(outcome.tokens.joined(separator: " "))")
            }
            let passed = outcomes.count - failed - todo
            print("\(passed) passed, \(failed) failed, \(todo) todo")
            if failed > 0 { throw ExitCode(1) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the rules: id, stage and description, one a line.",
            discussion: """
            With --requirements, each rule is followed by what every match of it holds,
            one indented line per alternative of its pattern: words and labels joined by
            `|` (any one of them), requirements joined by `+` (all of them). A rule is
            tried only where one alternative's requirements follow in the sentence; a
            rule listed with "requires nothing" is tried at every token it may start at.
            """)

        @OptionGroup var rulesOption: RulesOption

        @Flag(help: "Show under each rule the words and labels every match of it holds.")
        var requirements = false

        func run() throws {
            let rules = try rulesOption.load()
            let width = rules.rules.map { $0.id.count }.max() ?? 0
            for rule in rules.rules {
                let padded = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let stage = rule.stage.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                print("\(padded)  \(stage)  \(rule.description)")
                guard requirements else { continue }
                let summary = rule.requirementSummary
                if summary.isEmpty { print("    requires nothing") }
                for line in summary { print("    requires: \(line)") }
            }
        }
    }

    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per rule: how often it fires on a corpus, the records it makes and its examples; rules that never fire; sentences with money but no money record.",
            discussion: """
            fires: mentions the rule made that won their overlaps; lost: its
            candidates that lost an overlap to another rule; records: records
            whose rule or role_rule it is; examples: positive/negative/todo.

            A sentence looks like money when it has a currency sign (the
            currency-symbols lexicon, or any Unicode currency symbol), a currency
            code (currency-codes: USD, EUR), a number then a currency word
            (currency-words: 40 million euros), or a number then a scale word
            (scale-words: 50 million). It is listed when no money record starts in
            it; a cue inside a money blocker's match is shown with the blocker.
            Look into one with `claimex explain PAGE --sentence N`.
            """)

        @Argument(help: "The pages or folders to measure the rules on.")
        var corpus: [String] = ["Corpus"]

        @OptionGroup var rulesOption: RulesOption

        @OptionGroup var jobsOption: JobsOption
        var jobs: Int { jobsOption.jobs }


        func run() throws {
            for path in corpus where !FileManager.default.fileExists(atPath: path) {
                printError("claimex: error: no such file or folder '\(path)'")
                throw ExitCode(2)
            }
            let rules = try rulesOption.load()
            let coverage = try RuleCoverage(inputs: InputCollector().collect(corpus), rules: rules, jobs: jobs)
            let width = max(24, rules.rules.map(\.id.count).max() ?? 0)
            func column(_ text: String, _ size: Int) -> String {
                String(repeating: " ", count: max(0, size - text.count)) + text
            }
            print("coverage of \(coverage.rules.count) rules on \(coverage.pages) page\(coverage.pages == 1 ? "" : "s") (\(corpus.joined(separator: " "))), \(coverage.failedPages) unreadable\n")
            print("rule".padding(toLength: width, withPad: " ", startingAt: 0) + "  stage      fires  pages  records   lost  examples +/-/todo")
            for rule in coverage.rules {
                print(rule.rule.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + rule.stage.padding(toLength: 9, withPad: " ", startingAt: 0)
                      + column("\(rule.fires)", 7) + column("\(rule.pages)", 7) + column("\(rule.records)", 9) + column("\(rule.lost)", 7)
                      + "  \(rule.positiveExamples)/\(rule.negativeExamples)/\(rule.todoExamples)")
            }
            let never = coverage.neverFired
            print("\nnever fired (\(never.count)):")
            for rule in never {
                print("  \(rule.rule)  (\(rule.stage), \(rule.positiveExamples) positive example\(rule.positiveExamples == 1 ? "" : "s"))")
            }
            if never.isEmpty { print("  (none)") }
            print("\nsentences with money but no money record (\(coverage.moneyWithoutClaim.count)):")
            for sentence in coverage.moneyWithoutClaim {
                print("  \(sentence.path) [\(sentence.number)]: \(sentence.text)")
                var why = "      cues: " + sentence.cues.joined(separator: ", ")
                if !sentence.blockedBy.isEmpty { why += "; blocked by " + sentence.blockedBy.joined(separator: ", ") }
                print(why)
            }
            if coverage.moneyWithoutClaim.isEmpty { print("  (none)") }
        }
    }
}
