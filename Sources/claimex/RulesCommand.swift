import ArgumentParser
import Claimex
import ClaimexRules
import Foundation

/// `claimex rules check|test|list`.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check, test and list extraction rules.",
        subcommands: [Check.self, Test.self, List.self]
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
        static let configuration = CommandConfiguration(abstract: "List the rules: id, stage and description, one a line.")

        @OptionGroup var rulesOption: RulesOption

        func run() throws {
            let rules = try rulesOption.load()
            let width = rules.rules.map { $0.id.count }.max() ?? 0
            for rule in rules.rules {
                let padded = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let stage = rule.stage.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                print("\(padded)  \(stage)  \(rule.description)")
            }
        }
    }
}
