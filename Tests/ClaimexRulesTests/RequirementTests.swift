@testable import ClaimexRules
import ClaimexModel
import ClaimexText
import Foundation
import Testing

/// What a rule requires of a sentence, and that matching skips only where it cannot match.
@Suite struct RequirementTests {
    static func rule(_ pattern: String) throws -> Rule {
        let yaml = """
        stage: relations
        rules:
          - id: t.rule
            description: A test rule.
            pattern: >-
              \(pattern)
            emit: {label: INVESTMENT}
            examples: [{text: x, expect: [{kind: investment}]}, {text: y, expect: []}]
        """
        let set = try RuleSet.compile(MatcherTests.sources + [RuleSource(path: "Rules/t.yml", contents: yaml)])
        return try #require(set.rules.first)
    }

    static func describe(_ alternatives: [[Requirement]]) -> [[String]] {
        alternatives.map { $0.map { ($0.lowers.sorted() + $0.labels.sorted()).joined(separator: "|") } }
    }

    /// Requirements are looked up by value while rules compile; a large word set is hashed
    /// by its size, so equal requirements must still meet and unequal ones stay apart.
    @Test func requirementsOfLargeAndSmallWordSetsAreToldApart() {
        let large = Set((0..<100).map { "word\($0)" })
        var otherLarge = large
        otherLarge.remove("word7")
        otherLarge.insert("other")
        let requirements = [Requirement(lowers: large), Requirement(lowers: otherLarge), Requirement(lowers: ["a"]),
                            Requirement(lowers: ["b"]), Requirement(lowers: ["a"], labels: ["ORG"]), Requirement(labels: ["ORG"])]
        var numbered: [Requirement: Int] = [:]
        for (index, requirement) in requirements.enumerated() { numbered[requirement] = index }
        #expect(numbered.count == 6)
        #expect(numbered[Requirement(lowers: Set(large))] == 0)
        #expect(numbered[Requirement(lowers: otherLarge)] == 1)
        #expect(numbered[Requirement(lowers: ["a"], labels: ["ORG"])] == 4)
        #expect(Requirement(lowers: large).hashValue == Requirement(lowers: Set(large.reversed())).hashValue)
    }

    /// Token tests are hashed by their source: equal tests meet, tests of the same words
    /// written apart stay apart.
    @Test func tokenTestsAreKeyedByTheirSource() {
        let a = TokenTest(conditions: [.lower(["a", "b"], negated: false)], source: "[lower=a|b]")
        let b = TokenTest(conditions: [.lower(["b", "a"], negated: false)], source: "[lower=a|b]")
        let c = TokenTest(conditions: [.lower(["a", "b"], negated: false)], source: "[lower=b|a]")
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }

    @Test func sequencesRequireEachPartNarrowestFirst() throws {
        let rule = try Self.rule("(?<i> ORG) [word & !cap]{0,3} (invested | poured) (?<a> MONEY)? in (?<e> ORG)")
        // "in" is in nearly every sentence: it comes after the verbs.
        #expect(Self.describe(rule.requirements) == [["invested|poured", "in", "ORG"]])
    }

    @Test func orderedRequirementsFollowThePattern() throws {
        let rule = try Self.rule("(?<i> ORG) [word & !cap]{0,3} (invested | poured) (?<a> MONEY)? in (?<e> ORG) | led by (?<p> PERSON)")
        // The same requirements as `requirements`, in the order a match meets them; ORG,
        // met twice, counts where it is first met.
        #expect(Self.describe(rule.orderedRequirements) == [["ORG", "invested|poured", "in"], ["led", "by", "PERSON"]])
    }

    @Test func aRuleIsNotTriedWhereItsRequirementsComeInAnotherOrder() throws {
        let yaml = MatcherTests.money + """

          - id: invest.test
            stage: relations
            description: X ... put MONEY in.
            pattern: (?<i> ORG) ([word]){0,4} put (?<a> MONEY) in
            emit: {label: INVESTMENT, investor: mentions(i), amount: mentions(a)}
            examples: [{text: x, expect: [{kind: investment}]}, {text: y, expect: []}]

        """ + MatcherTests.orgGazetteer
        let engine = try MatcherTests.engine(yaml)
        let plan = try #require(engine.rules.plans[.relations])
        let rule = try #require(plan.rules.firstIndex { $0.id == "invest.test" })
        let sentences = "Mistral put $5 in. In $5 put Mistral. Nothing else."
        let text = Tokenizer().analyze(sentences, blocks: [TextSpan(0, sentences.unicodeScalars.count)])
        let keys = PageKeys(tokens: text.tokens, tables: engine.rules.tables)
        var labelsAt = [UInt64](repeating: 0, count: text.tokens.count + 1)
        for mention in engine.run(text).mentions where mention.label != "INVESTMENT" {
            for token in mention.tokens { labelsAt[token] |= LabelBits.mask(mention.label) }
        }
        var meetings = RequirementMeetings(requirements: plan.requirementCount)
        // Every requirement is met in both sentences, but only the first meets them in order.
        var lastStart = [Int](repeating: 0, count: plan.rules.count)
        for (sentence, expected) in zip(text.sentences, [true, false]) {
            plan.findMeetings(in: sentence.tokens, keys: keys, labelsAt: labelsAt, into: &meetings)
            let allMet = (0..<plan.requirementCount).allSatisfy { meetings.last(Int32($0)) >= sentence.tokens.lowerBound }
            let follows = plan.requirementsFollow(rule, from: sentence.tokens.lowerBound, meetings: meetings)
            #expect(allMet)
            #expect(follows == expected)
            // The rule may start up to the earliest of its requirements' last meetings: the
            // name in the first sentence, "In" in the second, each sentence's first token.
            let latest = plan.lastStarts(meetings: meetings, into: &lastStart)
            #expect(latest == lastStart.max())
            #expect(lastStart[rule] == sentence.tokens.lowerBound)
        }
        // A sentence without the rule's words: no rule may start in it.
        plan.findMeetings(in: text.sentences[2].tokens, keys: keys, labelsAt: labelsAt, into: &meetings)
        let latestInThird = plan.lastStarts(meetings: meetings, into: &lastStart)
        #expect(latestInThird < text.sentences[2].tokens.lowerBound)
        // After the name, the first sentence's requirements no longer follow from the start.
        plan.findMeetings(in: text.sentences[0].tokens, keys: keys, labelsAt: labelsAt, into: &meetings)
        let followsAfterName = plan.requirementsFollow(rule, from: 1, meetings: meetings)
        #expect(!followsAfterName)
    }

    @Test func requirementChainsKeepEachRulesAlternativesInOrder() {
        let written: [[[Int]]] = [[[0, 1], [2]], [], [[3]], [[], [4, 0, 5]]]
        let chains = RequirementChains(written)
        #expect(chains.ruleCount == 4)
        for (rule, alternatives) in written.enumerated() {
            let read = chains.withChains(of: rule) { chains in chains.map { chain in chain.map { Int($0) } } }
            #expect(read == alternatives, "rule \(rule)")
            #expect(chains.withChains(of: rule) { $0.isEmpty } == alternatives.isEmpty)
        }
        #expect(RequirementChains([]).ruleCount == 0)
    }

    @Test func alternativesAreNarrowedByTheirRarerWords() throws {
        let rule = try Self.rule("(?<i> ORG) (took part | an investment | the (rest | balance))")
        #expect(Self.describe(rule.requirements) == [["balance|investment|rest|took", "ORG"]])
    }

    @Test func eachAlternativeOfThePatternHasItsOwnRequirements() throws {
        let rule = try Self.rule("(?<e> ORG) raised | led by (?<i> PERSON) | @signs [num]")
        // `$`, `US$` and `€` are the lexicon's first words, lowercased.
        #expect(Self.describe(rule.requirements) == [["raised", "ORG"], ["led", "by", "PERSON"], ["$|us$|€"]])
    }

    @Test func innerAlternativesRequireOneOfTheirNarrowestParts() throws {
        let rule = try Self.rule("(?<i> ORG) ((backed | funded by) PERSON | @signs [num] | led) by")
        #expect(Self.describe(rule.requirements) == [["$|backed|funded|led|us$|€", "by", "ORG"]])
    }

    @Test func anAlternativeRequiringNothingLetsTheRuleMatchAnywhere() throws {
        let rule = try Self.rule("(?<e> ORG) raised | [word]+ (it)?")
        #expect(rule.requirements.isEmpty)
    }

    @Test func optionalPartsContextsAndOpenTestsRequireNothing() throws {
        let rule = try Self.rule("(?<! not) [word]+ (backed)? (?= by) [!lower=for]")
        #expect(rule.requirements.isEmpty)
    }

    @Test func textTestsAndMentionTestsRequireTheirWordsAndLabels() throws {
        let rule = try Self.rule("[text=Series & cap] [in=MONEY & !cap] [word]{2} [lower=round|rounds]{1,2}")
        #expect(Self.describe(rule.requirements) == [["series", "round|rounds", "MONEY"]])
    }

    @Test func aRuleIsStillFoundWhereItsRequirementsEndTheSentence() throws {
        let yaml = MatcherTests.money + """

          - id: invest.test
            stage: relations
            description: X ... put MONEY in.
            pattern: (?<i> ORG) ([word]){0,4} (?<a> MONEY) in
            emit: {label: INVESTMENT, investor: mentions(i), amount: mentions(a)}
            examples: [{text: x, expect: [{kind: investment}]}, {text: y, expect: []}]

        """ + MatcherTests.orgGazetteer
        let engine = try MatcherTests.engine(yaml)
        let found = MatcherTests.run(engine, "Mistral then quietly put $5 in")
        #expect(found.mentions.map(\.label) == ["ORG", "MONEY", "INVESTMENT"])
        #expect(found.mentions[2].tokens == 0..<7)
        // "in" before the amount and the name does not meet what follows them.
        let none = MatcherTests.run(engine, "In the end Mistral quietly put $5. In")
        #expect(none.mentions.map(\.label) == ["ORG", "MONEY"])
    }
}
