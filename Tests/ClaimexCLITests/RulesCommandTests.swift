import Foundation
import Testing

@Suite struct RulesCommandTests {
    static let goodRule = """
    stage: money
    rules:
      - id: money.dollars
        description: Dollars after a number.
        pattern: (?<n> [num]) dollars
        emit: {label: MONEY, value: number(n), currency: USD}
        examples:
          - {text: It cost 5 dollars., expect: [{kind: money, value: 5, currency: USD, text: 5 dollars}]}
          - {text: It cost 5 euros., expect: []}
    """

    @Test func badRulesStopExtractWithExitTwoBeforeAnyPageIsRead() throws {
        let folder = try PageFolder()
        try folder.write("rules/money.yml", Array("""
        stage: money
        rules:
          - id: money.bad
            description: Broken.
            pattern: (?<n> [lowr=5])
            emit: {label: MONEY, value: number(n), currency: USD}
            examples: [{text: a, expect: [{kind: money}]}, {text: b, expect: []}]
          - id: money.bad2
            description: Also broken.
            pattern: (?<n> @nowhere)
            emit: {label: MONEY, value: number(n), currency: USD}
            examples: [{text: a, expect: [{kind: money}]}, {text: b, expect: []}]
        """.utf8))
        // The page path does not exist: had it been read, there would be an error record.
        let result = try CLIRunner.run(["extract", "--rules", folder.path("rules"), folder.path("missing.html")])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(folder.path("rules"))/money.yml:5:21: error: [R101] unknown token attribute 'lowr' (rule money.bad)"))
        #expect(result.stderr.contains("money.yml:10:14: error: [R102] unknown lexicon '@nowhere' (rule money.bad2)"))
        #expect(result.stderr.contains("2 errors in the rules"))

        let check = try CLIRunner.run(["rules", "check", "--rules", folder.path("rules")])
        #expect(check.status == 2)
        #expect(check.stderr.contains("hint: did you mean 'lower'?"))
    }

    @Test func rulesFromAFolderReplaceTheDefaults() throws {
        let folder = try PageFolder()
        try folder.write("rules/money.yml", Array(Self.goodRule.utf8))
        let list = try CLIRunner.run(["rules", "list", "--rules", folder.path("rules")])
        #expect(list.status == 0)
        #expect(list.stdout == "money.dollars  money      Dollars after a number.\n")
        let needs = try CLIRunner.run(["rules", "list", "--requirements", "--rules", folder.path("rules")])
        #expect(needs.stdout == "money.dollars  money      Dollars after a number.\n    requires: dollars\n")

        let check = try CLIRunner.run(["rules", "check", "--rules", folder.path("rules")])
        #expect(check.stdout == "rules: 1 rules, 0 lexicons, 2 examples: OK\n")

        let test = try CLIRunner.run(["rules", "test", "--rules", folder.path("rules")])
        #expect(test.status == 0)
        #expect(test.stdout == "2 passed, 0 failed, 0 todo\n")
    }

    @Test func failingExampleNamesItsFileAndLineAndShowsWhatWasFound() throws {
        let folder = try PageFolder()
        try folder.write("rules/money.yml", Array(Self.goodRule.replacingOccurrences(of: "value: 5, currency", with: "value: 6, currency").utf8))
        let test = try CLIRunner.run(["rules", "test", "--rules", folder.path("rules")])
        #expect(test.status == 1)
        let expected = "\(folder.path("rules"))/money.yml:8: error: example of money.dollars failed"
        #expect(test.stdout.contains(expected))
        #expect(test.stdout.contains("    expected {kind: \"money\", value: 6, currency: \"USD\", text: \"5 dollars\"}, not found"))
        #expect(test.stdout.contains("\"value\":5,\"currency\":\"USD\""))
        #expect(test.stdout.contains("tokens: It[word,cap,nospace] cost[word] 5[number,value=5] dollars[word] .[punctuation,nospace]"))
        #expect(test.stdout.hasSuffix("1 passed, 1 failed, 0 todo\n"))
    }

    @Test func explainShowsTokensMentionsAndTheirRules() throws {
        let folder = try PageFolder()
        try folder.write("rules/money.yml", Array(Self.goodRule.utf8))
        let page = try folder.write("page.html", Array("""
        <html><body><article><h1>Prices</h1><p>The ticket cost 5 dollars at the door, and 7 dollars online.</p></article></body></html>
        """.utf8))
        let result = try CLIRunner.run(["explain", page, "--rules", folder.path("rules"), "--sentence", "2"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("[2] The ticket cost 5 dollars at the door, and 7 dollars online."))
        #expect(result.stdout.contains(" 4:5[number,value=5] 5:dollars[word] "))
        #expect(result.stdout.contains("    MONEY \"5 dollars\" tokens 4..<6 by money.dollars {currency=\"USD\", value=5}"))
        #expect(!result.stdout.contains("[1] Prices"))
        let unknown = try CLIRunner.run(["explain", page, "--rules", folder.path("rules"), "--rule", "nope"])
        #expect(unknown.status == 2)
    }
}
