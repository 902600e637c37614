import Claimex
import ClaimexDefaultRules
import ClaimexRules
import Foundation
import Testing

/// Every rule's examples, one test case per rule, with the default rules embedded in the
/// binary; and the embedded set must be the files under Rules/.
@Suite struct RuleExampleTests {
    static let rules: RuleSet = {
        do {
            return try RuleLibrary.load(directory: nil)
        } catch {
            fatalError("the default rules do not compile:\n\(error)")
        }
    }()

    static var ruleIDs: [String] { rules.rules.map { $0.id } }

    @Test(arguments: ruleIDs)
    func examplesPass(ruleID: String) throws {
        let rule = try #require(Self.rules.rule(ruleID))
        let runner = RuleExampleRunner(rules: Self.rules)
        for example in rule.examples where !example.isTodo {
            let outcome = runner.run(example, of: rule)
            #expect(outcome.passed, """
                \(example.file):\(example.line): \(example.text)
                \(outcome.problems.joined(separator: "\n"))
                found: \(outcome.records.joined(separator: "\n       "))
                tokens: \(outcome.tokens.joined(separator: " "))
                """)
        }
    }

    @Test func everyRuleHasPositiveAndNegativeExamples() {
        for rule in Self.rules.rules where rule.label != "SKIP" {
            #expect(rule.examples.contains { !$0.isTodo && !$0.expect.isEmpty }, "\(rule.id) has no positive example")
            #expect(rule.examples.contains { $0.isNegative }, "\(rule.id) has no negative example")
        }
    }

    @Test func embeddedRulesAreTheFilesUnderRules() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var onDisk: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent("Rules").path)
        while let relative = enumerator?.nextObject() as? String {
            guard ["yml", "yaml", "tsv"].contains((relative as NSString).pathExtension) else { continue }
            onDisk["Rules/" + relative] = try String(contentsOf: root.appendingPathComponent("Rules/" + relative), encoding: .utf8)
        }
        let embedded = Dictionary(uniqueKeysWithValues: DefaultRules.files.map { ($0.path, $0.contents) })
        #expect(embedded.keys.sorted() == onDisk.keys.sorted(), "run scripts/embed-rules after adding or removing a rule file")
        for (path, text) in onDisk {
            #expect(embedded[path] == text, "\(path) differs from the embedded copy; rebuild")
        }
    }
}
