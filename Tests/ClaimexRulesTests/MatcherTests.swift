@testable import ClaimexRules
import ClaimexModel
import ClaimexText
import Foundation
import Testing

@Suite struct MatcherTests {
    static let sources = [
        RuleSource(path: "Rules/lexicons/scale-words.tsv", contents: "#! match: cased\nphrase\tvalue\nbn\t1000000000\nmillion\t1000000\n"),
        RuleSource(path: "Rules/lexicons/signs.tsv", contents: "#! match: cased\nphrase\tvalue\n$\tUSD\nUS$\tUSD\n€\tEUR\n"),
        RuleSource(path: "Rules/lexicons/orgs.tsv", contents: "#! match: cased\ncanonical\tkey\taliases\nMistral AI\torg:mistral-ai\tMistral\n"),
    ]

    static func engine(_ yaml: String) throws -> RuleEngine {
        RuleEngine(rules: try RuleSet.compile(sources + [RuleSource(path: "Rules/t.yml", contents: yaml)]))
    }

    static func run(_ engine: RuleEngine, _ text: String) -> RuleEngine.Result {
        engine.run(Tokenizer().analyze(text, blocks: [TextSpan(0, text.unicodeScalars.count)]))
    }

    static let money = """
    stage: money
    rules:
      - id: money.sign
        description: Sign, number, scale.
        priority: 1
        pattern: (?<c> @signs) (?<n> [num]) (?<s> @scale-words)?
        emit: {label: MONEY, value: "amount(n, s)", currency: lookup(c)}
        examples: [{text: $5, expect: [{kind: money}]}, {text: five, expect: []}]
      - id: money.range
        description: A range.
        priority: 0
        pattern: (?<c> @signs) (?<n> [num]) (?<l> @scale-words)? - @signs? (?<h> [num]) (?<s> @scale-words)
        emit: {label: MONEY, value: "amount(n, l, s)", low: "amount(n, l, s)", high: "amount(h, s)", currency: lookup(c)}
        examples: [{text: $5-6 bn, expect: [{kind: money}]}, {text: five, expect: []}]
    """

    @Test func longestCandidateWinsAndTheLoserIsRecorded() throws {
        let result = Self.run(try Self.engine(Self.money), "It raised $50-60 million and €2 bn.")
        #expect(result.mentions.map(\.rule) == ["money.range", "money.sign"])
        #expect(result.mentions[0].fields == ["value": .number(50_000_000), "low": .number(50_000_000), "high": .number(60_000_000), "currency": .text("USD")])
        #expect(result.mentions[1].fields == ["value": .number(2_000_000_000), "currency": .text("EUR")])
        #expect(result.losses.map { "\($0.rule)@\($0.tokens)>\($0.winner)" } == ["money.sign@2..<4>money.range"])
    }

    /// An entities-stage rule finding the names of `orgs.tsv`, to append to a rule list.
    static let orgGazetteer = """

          - id: entity.org
            stage: entities
            description: Gazetteer.
            pattern: (?<n> @orgs)
            emit: {label: ORG, name: canonical(n), key: key(n)}
            examples: [{text: x, expect: [{kind: entity}]}, {text: y, expect: []}]
        """

    @Test func laterStagesMatchEarlierMentionsAsUnits() throws {
        let yaml = Self.money + """

          - id: invest.test
            stage: relations
            description: X invested MONEY in Y.
            pattern: (?<i> ORG) invested (?<a> MONEY) in (?<e> ORG)
            emit: {label: INVESTMENT, investor: mentions(i), investee: mentions(e), amount: mentions(a)}
            examples: [{text: x, expect: [{kind: investment}]}, {text: y, expect: []}]

        """ + Self.orgGazetteer
        let result = Self.run(try Self.engine(yaml), "Mistral AI invested US$2 bn in Mistral.")
        #expect(result.mentions.map(\.label) == ["ORG", "ORG", "MONEY", "INVESTMENT"])
        #expect(result.mentions[1].fields["name"] == .text("Mistral AI"))
        #expect(result.mentions[3].fields["amount"] == .mentions([2]))
        #expect(result.mentions[3].tokens == 0..<8)
    }

    @Test func contextMustAndMustNotHold() throws {
        let yaml = """
        stage: money
        rules:
          - id: money.ctx
            description: A number after "for", not before "percent".
            pattern: (?<= for) (?<n> [num]) (?! percent)
            emit: {label: MONEY, value: number(n), currency: USD}
            examples: [{text: for 5, expect: [{kind: money}]}, {text: 5, expect: []}]
        """
        let engine = try Self.engine(yaml)
        #expect(Self.run(engine, "sold for 5 dollars").mentions.count == 1)
        #expect(Self.run(engine, "sold for 5 percent").mentions.isEmpty)
        #expect(Self.run(engine, "sold at 5 dollars").mentions.isEmpty)
    }

    /// A context of one token test is checked on that token alone; it must hold and fail
    /// where the same context run as a sub-program (here made longer by an optional part
    /// that cannot match) does, at the sentence's edges too.
    @Test(arguments: ["(?<! [lower=for|at]) (?<n> [num]) (?= [lower=dollars|euros])",
                      "(?<! [lower=for|at] (zzz)?) (?<n> [num]) (?= [lower=dollars|euros] (zzz)?)"])
    func oneTokenContextsHoldAtTheSentenceEdges(pattern: String) throws {
        let yaml = """
        stage: money
        rules:
          - id: money.ctx
            description: A number not after "for" or "at", before a currency word.
            pattern: \(pattern)
            emit: {label: MONEY, value: number(n), currency: USD}
            examples: [{text: 5 dollars, expect: [{kind: money}]}, {text: 5, expect: []}]
        """
        let engine = try Self.engine(yaml)
        #expect(Self.run(engine, "5 dollars were paid.").mentions.map(\.tokens) == [0..<1])
        #expect(Self.run(engine, "They paid 5 euros. 7 dollars").mentions.map(\.tokens) == [2..<3, 5..<6])
        #expect(Self.run(engine, "sold for 5 dollars").mentions.isEmpty)
        #expect(Self.run(engine, "sold at 5 dollars, then 6 dollars").mentions.map(\.tokens) == [6..<7])
        #expect(Self.run(engine, "It cost 5. Dollars came later.").mentions.isEmpty)
    }

    @Test func pathologicalPatternStaysLinear() throws {
        // Nested unbounded repetition, which explodes a backtracking matcher, over a
        // long sentence with no match at its end.
        let yaml = """
        stage: money
        rules:
          - id: money.nested
            description: Nested repetition.
            pattern: (?<n> ((a | [word])+)+ zzz)
            emit: {label: MONEY, value: number(n), currency: USD}
            examples: [{text: a zzz, expect: [{kind: money}]}, {text: b, expect: []}]
        """
        let engine = try Self.engine(yaml)
        let text = Array(repeating: "a", count: 3000).joined(separator: " ")
        // A backtracking matcher would not return from this at all.
        #expect(Self.run(engine, text).mentions.isEmpty)
        #expect(Self.run(engine, text + " zzz").mentions.count == 1)
    }
}

@Suite struct CleanNameTests {
    @Test func namesLoseSpacesPossessivesTheAndEdgePunctuation() {
        #expect(FieldEvaluator.cleanName(" \u{A0}Quarry Ventures's\t") == "Quarry Ventures")
        #expect(FieldEvaluator.cleanName("the \u{201C}Lumora Labs\u{201D}") == "Lumora Labs")
        #expect(FieldEvaluator.cleanName("The Ledger Wire\u{2019}") == "Ledger Wire")
        #expect(FieldEvaluator.cleanName("(Northzone),") == "Northzone")
        #expect(FieldEvaluator.cleanName("Theranos") == "Theranos")
        #expect(FieldEvaluator.cleanName(" ;: ") == "")
        // Line breaks are not spaces here, and inner punctuation stays.
        #expect(FieldEvaluator.cleanName("\nAcme") == "\nAcme")
        #expect(FieldEvaluator.cleanName("AT&T, Inc.") == "AT&T, Inc.")
    }
}

@Suite struct MatchTableTests {
    @Test func wordTableFindsEveryWordByItsBytes() {
        let words = ["invested", "in", "Anthropic", "€", "naïve", "", "a", "ab", "ba"]
        let ids = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($0.element, Int32($0.offset)) })
        let table = WordTable(ids)
        for (word, id) in ids { #expect(table.id(of: word) == id, "\(word)") }
        #expect(table.id(of: "anthropic") == -1)
        #expect(table.id(of: "naive") == -1)
        #expect(table.id(of: "abc") == -1)
        #expect(table.id(of: String(repeating: "long word ", count: 5)) == -1)
        #expect(WordTable([:]).id(of: "in") == -1)
    }

    @Test func wordIndexListsIndicesPerWord() {
        // Each word's list keeps the order its pairs came in.
        let index = WordIndex(pairs: [(2, 5), (0, 3), (2, 1)])
        #expect(index.positions(of: 0).map(index.value) == [3])
        #expect(index.positions(of: 1).isEmpty)
        #expect(index.positions(of: 2).map(index.value) == [5, 1])
        #expect(index.positions(of: 3).isEmpty)
        #expect(index.positions(of: -1).isEmpty)
        #expect(WordIndex(pairs: []).positions(of: 0).isEmpty)
    }

    @Test func pageKeysFlagCapitalizedAndAllCapitalWords() throws {
        let engine = try MatcherTests.engine(MatcherTests.money)
        let sentence = "NASA and Nasa met IBM's É ÉCOLE École U.S. iPhone A a"
        let text = Tokenizer().analyze(sentence, blocks: [TextSpan(0, sentence.unicodeScalars.count)])
        let keys = PageKeys(tokens: text.tokens, tables: engine.rules.tables)
        func flags(_ word: String) -> [String] {
            guard let index = text.tokens.firstIndex(where: { $0.text == word }) else { return ["missing"] }
            var names: [String] = []
            if keys.flags[index] & PageKeys.capitalized != 0 { names.append("cap") }
            if keys.flags[index] & PageKeys.upper != 0 { names.append("upper") }
            return names
        }
        let expected: [(String, [String])] = [
            ("NASA", ["cap", "upper"]), ("Nasa", ["cap"]), ("and", []), ("IBM", ["cap", "upper"]), ("É", ["cap", "upper"]),
            ("ÉCOLE", ["cap", "upper"]), ("École", ["cap"]), ("U.S.", ["cap", "upper"]), ("iPhone", []), ("A", ["cap", "upper"]),
            ("a", []),
        ]
        for (word, names) in expected { #expect(flags(word) == names, "\(word)") }
        #expect(PageKeys.hasNoLowercase("3M-X") && !PageKeys.hasNoLowercase("ÉCOLe") && PageKeys.hasNoLowercase("ÉCOLE"))
    }

    /// A token's lexicon masks say which lexicons have a phrase beginning with it, and of
    /// which it alone is a phrase, in each lexicon's own case.
    @Test func pageKeysMarkTheLexiconsAPhraseMayStartIn() throws {
        let sources = [
            RuleSource(path: "Rules/lexicons/cased.tsv", contents: "#! match: cased\nphrase\nMistral AI\nMistral\nUS\n"),
            RuleSource(path: "Rules/lexicons/lower.tsv", contents: "#! match: lower\nphrase\nseries b\nus\n"),
            RuleSource(path: "Rules/t.yml", contents: """
            stage: entities
            rules:
              - id: t.cased
                description: A cased phrase.
                pattern: "@cased"
                emit: {label: ORG}
                examples: [{text: Mistral AI, expect: [{kind: entity}]}, {text: mistral, expect: []}]
              - id: t.lower
                description: A lowercase phrase.
                pattern: "@lower [cap]"
                emit: {label: ORG}
                examples: [{text: Series B Acme, expect: [{kind: entity}]}, {text: Series Acme, expect: []}]
            """),
        ]
        let rules = try RuleSet.compile(sources)
        let cased = try #require(rules.lexiconIndex["cased"]), lower = try #require(rules.lexiconIndex["lower"])
        let sentence = "Mistral AI and mistral, US and us, Series B and series"
        let text = Tokenizer().analyze(sentence, blocks: [TextSpan(0, sentence.unicodeScalars.count)])
        let keys = PageKeys(tokens: text.tokens, tables: rules.tables)
        func lexicons(_ masks: [UInt64], _ at: Int) -> [String] {
            (masks[at] & (1 << UInt64(cased)) != 0 ? ["cased"] : []) + (masks[at] & (1 << UInt64(lower)) != 0 ? ["lower"] : [])
        }
        let words = text.tokens.map(\.text)
        #expect(words == ["Mistral", "AI", "and", "mistral", ",", "US", "and", "us", ",", "Series", "B", "and", "series"])
        #expect(words.indices.map { lexicons(keys.phraseStarts, $0) } == [
            ["cased"], [], [], [], [], ["cased", "lower"], [], ["lower"], [], ["lower"], [], [], ["lower"],
        ])
        #expect(words.indices.map { lexicons(keys.phraseWords, $0) } == [
            ["cased"], [], [], [], [], ["cased", "lower"], [], ["lower"], [], [], [], [], [],
        ])
        #expect(MatchTables.lexicon(MatchTables.maskedLexicons, in: 0) && !MatchTables.lexicon(3, in: 0b0111))
    }

    @Test func shapesAreLookedUpOnlyWhereAShapeTestMayPass() throws {
        let filter = try #require(ShapeFilter(shapes: ["ddd,dd", "Xxxxx", "dddd"]))
        #expect(filter.mayCompare("120,50") && filter.mayCompare("Acme") && filter.mayCompare("École") && filter.mayCompare("1999"))
        #expect(!filter.mayCompare("12.5") && !filter.mayCompare("$5") && !filter.mayCompare("AT&T") && !filter.mayCompare("co-led"))
        #expect(ShapeFilter(shapes: []) == nil)

        let yaml = """
        stage: money
        rules:
          - id: money.year
            description: A four-digit number that is not a year.
            pattern: (?<n> [num & !shape=dddd]) (dollars | Dollars)
            emit: {label: MONEY, value: number(n), currency: USD}
            examples: [{text: 12 dollars, expect: [{kind: money}]}, {text: 2024 dollars, expect: []}]
          - id: money.capitalized
            description: A capitalized word's shape.
            pattern: "[shape=Xxxxx] (?<n> [num]) Dollars"
            emit: {label: MONEY, value: number(n), currency: USD}
            examples: [{text: Paid 12 Dollars, expect: [{kind: money}]}, {text: paid 12 Dollars, expect: []}]
        """
        let engine = try MatcherTests.engine(yaml)
        let found = MatcherTests.run(engine, "Lumora paid 1200 dollars, 2024 dollars and 15 dollars. Acme1 7 Dollars, Acmes 8 Dollars.")
        // 1200 and 2024 have the shape dddd; "Acme1" is Xxxxd; "8 Dollars" loses to the longer match.
        #expect(found.mentions.map { $0.rule + ":" + ($0.fields["value"]?.description ?? "") }
            == ["money.year:15", "money.year:7", "money.capitalized:8"])
    }

    @Test func wordSieveHoldsEveryWordOfItsSet() {
        let words = ["Quarry", "Natarajan", "Mistral", "AI", "Société", "x"]
        let sieve = RuleEngine.WordSieve(words)
        for word in words { #expect(sieve.mayHold(word), "\(word)") }
        // Words in buckets no member fills: a different length, first or last byte.
        for word in ["Quarrz", "quarry", "Mistrals", "", "the"] { #expect(!sieve.mayHold(word), "\(word)") }
        #expect(!RuleEngine.WordSieve([]).mayHold("Quarry"))
    }

    @Test func candidateCapturesAreReadFromTheMatchersSlots() {
        var program = Program()
        program.captureNames = ["a", "b", "a", "c"]
        // a is set in its first place and in its second: the second counts; c is unset.
        let candidate = RuleEngine.Candidate(rule: 0, match: 2..<9, slots: [2, 4, 4, 5, 6, 9, -1, -1], sentence: 0)
        #expect(candidate.capture("a", of: program) == 6..<9)
        #expect(candidate.capture("b", of: program) == 4..<5)
        #expect(candidate.capture("c", of: program) == nil)
        #expect(candidate.capture("d", of: program) == nil)
        #expect(candidate.captures(of: program) == ["a": 6..<9, "b": 4..<5])
        // Only the first place of a set: the first counts.
        let first = RuleEngine.Candidate(rule: 0, match: 2..<9, slots: [2, 4, 4, 5, -1, -1, -1, -1], sentence: 0)
        #expect(first.capture("a", of: program) == 2..<4)
        #expect(first.captures(of: program) == ["a": 2..<4, "b": 4..<5])
    }

    @Test func oneWordBranchesOfAnAlternationAreTestedTogether() throws {
        func word(_ word: String, exact: Bool = false) -> PatternNode {
            .token(TokenTest(conditions: [exact ? .text([word], negated: false) : .lower([word], negated: false)], source: word))
        }
        let capitalized = PatternNode.token(TokenTest(conditions: [.flag("cap", true)], source: "[cap]"))
        let phrase = PatternNode.sequence([word("as"), word("well"), word("as")])
        let merged = ProgramBuilder.mergingWordBranches([word("the"), phrase, word("Apple", exact: true), word("a"), capitalized,
                                                         word("IBM", exact: true), word("an")])
        #expect(merged == [
            .token(TokenTest(conditions: [.lower(["the", "a", "an"], negated: false)], source: "the | a | an")),
            phrase,
            .token(TokenTest(conditions: [.text(["Apple", "IBM"], negated: false)], source: "Apple | IBM")),
            capitalized,
        ])
        // One word of a kind, a negated test, or a word with a second condition stays as written.
        let negated = PatternNode.token(TokenTest(conditions: [.lower(["and"], negated: true)], source: "[!lower=and]"))
        let twoConditions = PatternNode.token(TokenTest(conditions: [.lower(["by"], negated: false), .flag("space", true)], source: "[lower=by & space]"))
        let kept = [word("the"), word("Apple", exact: true), negated, twoConditions, phrase]
        #expect(ProgramBuilder.mergingWordBranches(kept) == kept)

        // Matched through an engine: the same matches and captures as the words one by one.
        let yaml = """
        stage: money
        rules:
          - id: money.led
            description: A number after one of several words.
            pattern: (?<w> (led | co-led | headed | led by)) (?<n> [num]) (dollars | 'Dollars')
            emit: {label: MONEY, value: number(n), currency: USD}
            examples: [{text: led 5 dollars, expect: [{kind: money}]}, {text: five, expect: []}]
        """
        let engine = try MatcherTests.engine(yaml)
        let found = MatcherTests.run(engine, "It was headed 12 Dollars, then co-led 7 dollars, led by 9 dollars and led 3 DOLLARS.")
        // "co-led" is three tokens; the bare word `dollars` matches any case.
        #expect(found.mentions.map { "\($0.captures["w"]!.count) \($0.fields["value"]!)" } == ["1 12", "3 7", "2 9", "1 3"])
    }

    @Test func testTableChecksFoldedBranchesAndTheTestsLaidOutAfterThem() {
        func test(_ conditions: [TokenTest.Condition]) -> PatternNode { .token(TokenTest(conditions: conditions, source: "t")) }
        // "in" and a number fold into one test; the two-condition branch and the long-word
        // comparison stay tests of their own, laid out after the program's tests.
        let branches = PatternNode.alternation([
            test([.lower(["in"], negated: false)]),
            test([.lower(["by"], negated: false), .flag("space", true)]),
            test([.flag("num", true)]),
            test([.compare("length", .greater, 4), .flag("cap", false)]),
        ])
        let vocabulary = Vocabulary()
        var builder = ProgramBuilder(lexiconIndex: [:], vocabulary: vocabulary)
        let program = builder.build(.sequence([branches, test([.text(["Acme"], negated: true)])]))
        let tables = MatchTables(vocabulary: WordTable(vocabulary.ids), tries: [], shapeFilter: nil)
        #expect(program.tests.count == 2 && program.table.count == 2)
        let sentence = "In by,by 12 Acme lowercase Capitalized"
        let text = Tokenizer().analyze(sentence, blocks: [TextSpan(0, sentence.unicodeScalars.count)])
        let keys = PageKeys(tokens: text.tokens, tables: tables)
        #expect(text.tokens.map(\.text) == ["In", "by", ",", "by", "12", "Acme", "lowercase", "Capitalized"])
        func passing(_ test: Int) -> [String] {
            text.tokens.indices.filter { program.table.passes(test, $0, tokens: text.tokens, keys: keys, tries: [], labels: 0) }
                .map { text.tokens[$0].text }
        }
        // The second `by` follows no space; `Capitalized` is long but capitalized.
        #expect(passing(0) == ["In", "by", "12", "lowercase"])
        #expect(passing(1) == ["In", "by", ",", "by", "12", "lowercase", "Capitalized"])
    }

    @Test func oneTokenBranchesOfAnAlternationAreOneTest() throws {
        let capitalized = PatternNode.token(TokenTest(conditions: [.flag("cap", true)], source: "[cap]"))
        let number = PatternNode.token(TokenTest(conditions: [.flag("num", true)], source: "[num]"))
        let word = PatternNode.token(TokenTest(conditions: [.lower(["in"], negated: false)], source: "in"))
        var builder = ProgramBuilder(lexiconIndex: [:], vocabulary: Vocabulary())
        let program = builder.build(.sequence([.alternation([capitalized, .mention("ORG"), number, word]), word]))
        // One test for the three one-token branches, one split between it and the mention.
        let tokens = program.instructions.filter { if case .token = $0 { true } else { false } }
        let splits = program.instructions.filter { if case .split = $0 { true } else { false } }
        #expect(tokens.count == 2 && splits.count == 1 && program.tests.count == 2)
        guard case .either(let any) = program.tests[0].checks.first else {
            Issue.record("the first test is not made of the branches' tests")
            return
        }
        // Folded: the word set, the number kind and the capital; nothing left to call.
        #expect(any.count == 3 && any.others.isEmpty && any.capitalized && any.kinds == CompiledTest.kindBit(.number))
        #expect(any.lowers.ids.count == 1 && any.texts.ids.isEmpty && any.labels == 0)

        let yaml = """
        stage: money
        rules:
          - id: money.either
            description: A capitalized word, a number or "in" before a number.
            pattern: (?<w> ([cap] | [num] | in)) (?<n> [num]) dollars
            emit: {label: MONEY, value: number(n), currency: USD}
            examples: [{text: in 5 dollars, expect: [{kind: money}]}, {text: five, expect: []}]
        """
        let engine = try MatcherTests.engine(yaml)
        let found = MatcherTests.run(engine, "Paid 3 dollars, then in 4 dollars, 12 5 dollars and at 6 dollars.")
        #expect(found.mentions.map { "\($0.captures["w"]!.lowerBound) \($0.fields["value"]!)" } == ["0 3", "5 4", "9 5"])
    }

    @Test func mentionStartsListEachTokensMentionsInTheOrderGiven() {
        let starts = MentionStarts(tokenCount: 6, mentions: [(0, 3, 4, 5), (1, 0, 1, 2), (2, 3, 2, 4), (3, 5, 8, 6), (4, 0, 16, 1)])
        func at(_ token: Int) -> [String] {
            starts.positions(of: token).map { "\(starts.label(at: $0))-\(starts.end(at: $0))" }
        }
        #expect(at(0) == ["1-2", "16-1"])
        #expect(at(1).isEmpty && at(2).isEmpty && at(4).isEmpty)
        #expect(at(3) == ["4-5", "2-4"])
        #expect(starts.positions(of: 0).map(starts.mention) == [1, 4] && starts.positions(of: 3).map(starts.mention) == [0, 2])
        #expect(at(5) == ["8-6"])
        #expect(at(6).isEmpty && at(7).isEmpty && at(-1).isEmpty)
        #expect(MentionStarts(tokenCount: 0, mentions: []).positions(of: 0).isEmpty)
    }
}
