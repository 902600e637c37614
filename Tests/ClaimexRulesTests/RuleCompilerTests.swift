@testable import ClaimexRules
import ClaimexText
import Testing

/// Bad rules are refused with their location, a stable code and a hint; every error in the
/// set is reported, not just the first.
@Suite struct RuleCompilerTests {
    static let lexicon = RuleSource(path: "Rules/lexicons/scale-words.tsv", contents: "phrase\tvalue\nbn\t1000000000\nmillion\t1000000\n")

    static func rule(_ pattern: String, emit: String = "{label: MONEY, value: amount(n), currency: text(n)}",
                     examples: String = "[{text: a 5 bn b, expect: [{kind: money}]}, {text: nothing, expect: []}]") -> String {
        """
        stage: money
        rules:
          - id: money.test
            description: A test rule.
            pattern: \(pattern)
            emit: \(emit)
            examples: \(examples)
        """
    }

    static func errors(_ yaml: String) -> [RuleFileError] {
        do {
            _ = try RuleSet.compile([lexicon, RuleSource(path: "Rules/t.yml", contents: yaml)])
            return []
        } catch {
            return error.errors
        }
    }

    @Test(arguments: [
        ("(?<n> [lowr=over])", RuleFileError.Code.unknownAttribute, "unknown token attribute 'lowr'", "did you mean 'lower'?"),
        ("(?<n> @scale-wrds)", .unknownLexicon, "unknown lexicon '@scale-wrds'", "did you mean '@scale-words'?"),
        ("(?<n> [num])?", .matchesEmpty, "the pattern can match no tokens at all", "make at least one part required (drop a '?' or '*')"),
        ("(?<n> [lower=Over])", .matchesNothing, "lower=Over can never match: lowercased text has no capitals", "write lower=over, or text=Over for exact case"),
        ("(?<n> [num] (", .patternSyntax, "'(' without ')'", nil),
        ("(?<n> [num]) (?= [num]+)", .unboundedContext, "context (?= ...) and (?<= ...) must have a bounded length", "replace '*' and '+' inside the context by {0,n} or {1,n}"),
        ("(?<n> INVESTMENT)", .unknownLabel, "unknown mention label 'INVESTMENT'", "'INVESTMENT' is made by a later stage; a money rule sees only ENTITY, GPE, ORG, PERSON, PRODUCT"),
        ("(?<n> [num]){1,99}", .patternSyntax, "repetition {1,99} is too large (at most 64)", "use '+' or '*' for an open-ended repetition"),
    ] as [(String, RuleFileError.Code, String, String?)])
    func badPatternsAreRefused(pattern: String, code: RuleFileError.Code, message: String, hint: String?) throws {
        let found = Self.errors(Self.rule(pattern))
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.code == code)
        #expect(error.message == message)
        #expect(error.hint == hint)
        #expect(error.file == "Rules/t.yml")
        #expect(error.line == 5)
    }

    @Test func errorPrintsLikeACompilerWithCaret() throws {
        let error = try #require(Self.errors(Self.rule("(?<n> [lowr=over])")).first)
        #expect(error.description == [
            "Rules/t.yml:5:21: error: [R101] unknown token attribute 'lowr' (rule money.test)",
            "        pattern: (?<n> [lowr=over])",
            String(repeating: " ", count: 24) + "^",
            "    hint: did you mean 'lower'?",
        ].joined(separator: "\n"))
    }

    @Test func everyErrorOfTheSetIsReported() {
        let yaml = """
        stage: money
        rules:
          - id: money.a
            description: First.
            patern: "[num]"
            emit: {label: MONEY}
          - id: money.b
            description: Second.
            pattern: (?<n> [num])
            emit: {label: MONEY, value: amount(m), currency: lookup(n), colour: red}
            examples: [{text: a 5 b, expect: [{kind: money}]}]
          - id: money.b
            description: Third.
            pattern: (?<n> [num])
            emit: {label: MONY, value: amount(n), currency: lookup(n)}
            examples: [{text: a 5 b, expect: [{kind: money}]}, {text: none, expect: []}]
        """
        let found = Self.errors(yaml).map { "\($0.line):\($0.code.rawValue) \($0.message)" }
        #expect(found == [
            "3:R011 rule 'money.a' needs a 'pattern'",
            "5:R010 unknown rule key 'patern'",
            "10:R104 'amount(m)' names capture 'm', which the pattern does not define",
            "10:R010 'MONEY' has no field 'colour'",
            "11:R200 rule 'money.b' needs a positive and a negative example (it has 1 and 0)",
            "12:R020 rule id 'money.b' is already used in Rules/t.yml:7",
            "15:R103 the money stage cannot make 'MONY'",
        ])
    }

    @Test func yamlSyntaxErrorsAreLocated() throws {
        let error = try #require(Self.errors("rules:\n  - id: [unclosed\n").first)
        #expect(error.code == .syntax)
        #expect(error.file == "Rules/t.yml")
        #expect(error.line == 3)
    }

    @Test func unknownKeysAndStagesGetSuggestions() throws {
        let found = Self.errors("stage: mony\nrulez: []\n")
        #expect(found.map(\.message) == ["unknown stage 'mony'", "unknown file key 'rulez'"])
        #expect(found.map(\.hint) == ["did you mean 'money'?", "did you mean 'rules'?"])
    }

    @Test func badLexiconRowsAreLocated() {
        let source = RuleSource(path: "Rules/lexicons/x.tsv", contents: "phrase\tvalue\na\tb\tc\n#! match: shouting\n")
        do {
            _ = try RuleSet.compile([source])
            Issue.record("the lexicon should be refused")
        } catch {
            #expect(error.errors.map { "\($0.line) \($0.message)" } == [
                "2 3 cells but the header names 2 columns",
                "3 unknown directive '#! match: shouting'",
            ])
        }
    }

    @Test func lexiconLinesMayEndInCRLFAndCellsAreTrimmed() throws {
        var errors: [RuleFileError] = []
        let lexicon = Lexicon.parse(name: "x", file: "Rules/lexicons/x.tsv",
                                    source: "#! match: cased\r\ncanonical\tkey\taliases\r\n Mistral AI \torg:mistral\tMistral | Le Chat\r\n\r\n",
                                    tokenizer: Tokenizer(), errors: &errors)
        #expect(errors.isEmpty)
        #expect(lexicon.caseSensitive)
        #expect(lexicon.columns == ["canonical", "key", "aliases"])
        #expect(lexicon.entries.map(\.phrase) == ["Mistral AI", "Mistral", "Le Chat"])
        #expect(lexicon.entries[0]["key"] == "org:mistral")
        #expect(lexicon.maxLength == 2)
    }

    @Test func lexiconCellsTrimUnicodeSpacesAndShortRowsAndRepeatsAreRead() throws {
        var errors: [RuleFileError] = []
        // A no-break space and an ideographic space around cells; a row shorter than the
        // header; a header naming a column twice (the last cell with a value counts); a
        // row repeating a phrase and its value; a line of spaces only.
        let lexicon = Lexicon.parse(name: "x", file: "Rules/lexicons/x.tsv",
                                    source: "phrase\tvalue\tvalue\n\u{00A0}Zürich\u{3000}\t1\t2\nbillion\t1000000000\nmn\t\t6\n"
                                        + "Billion\t1000000000\n \u{00A0}\t\n# a comment\nlast",
                                    tokenizer: Tokenizer(), errors: &errors)
        #expect(errors.isEmpty)
        #expect(lexicon.entries.map(\.phrase) == ["Zürich", "billion", "mn", "last"])
        #expect(lexicon.entries.map { $0["value"] } == ["2", "1000000000", "6", nil])
        #expect(lexicon.entries[1].columns == ["value": "1000000000", "phrase": "billion"])
        #expect(lexicon.entries[3].columns == ["phrase": "last"])
    }

    /// Plain words between spaces skip the tokenizer when a lexicon is built: they must be
    /// the tokens the tokenizer would make.
    @Test(arguments: ["Aad", "Inc", "US", "Mr", "St", "vs", "etc", "cannot", "gonna", "McDonald", "I", "a", "AI", "Zürich", "O", "Ltd",
                      "Mistral AI", "Le  Chat", " New York ", "Bank of America", "Sam Altman Inc", "St. Louis", "Coca-Cola", "AT T", " "])
    func plainWordsAreTheTokensAsTheTokenizerReadsThem(_ phrase: String) {
        let tokens = Tokenizer().tokenize(phrase)
        if let words = Lexicon.plainWords(of: phrase) {
            #expect(tokens.map(\.text) == words)
            #expect(tokens.map(\.lower) == words.map { $0.lowercased() })
        } else {
            #expect(["Zürich", "St. Louis", "Coca-Cola", " "].contains(phrase))
        }
        // A one-word phrase takes the shortest way, and it must agree.
        #expect(Lexicon.isPlainWord(phrase) == (Lexicon.plainWords(of: phrase)?.count == 1 && !phrase.contains(" ")))
    }

    /// The trie shares prefixes, ends each phrase at its own node (repeats of a phrase at
    /// the same one) and numbers nodes in the order phrases add them.
    @Test func lexiconTrieSharesPrefixesAndKeepsEachEnd() {
        var errors: [RuleFileError] = []
        let lexicon = Lexicon.parse(name: "x", file: "Rules/lexicons/x.tsv",
                                    source: "canonical\taliases\nBank of America\tBank\nBank of Japan\nApple\tapple|APPLE\nSt. Louis\n",
                                    tokenizer: Tokenizer(), errors: &errors)
        #expect(errors.isEmpty)
        #expect(lexicon.entries.map(\.phrase) == ["Bank of America", "Bank", "Bank of Japan", "Apple", "St. Louis"])
        let edges = lexicon.trieEdges.sorted { ($0.node, $0.word) < ($1.node, $1.word) }
        #expect(edges.map { "\($0.node)-\($0.word)-\($0.target)" }
            == ["0-apple-5", "0-bank-1", "0-st.-6", "1-of-2", "2-america-3", "2-japan-4", "6-louis-7"])
        #expect(lexicon.terminalNodes == [false, true, false, true, true, true, false, true])
        #expect((0..<8).map(lexicon.entries(endingAt:)) == [[], [1], [], [0], [2], [3], [], [4]])
        #expect(lexicon.firstWords == ["apple", "bank", "st."])
        #expect(lexicon.maxLength == 3)
    }

    // MARK: - Definitions

    static func defining(_ define: String, pattern: String) -> String {
        "define:\n\(define)\n" + rule(pattern)
    }

    @Test func definitionsExpandInPlaceAndMayUseEachOther() throws {
        let yaml = Self.defining("  amount: '%digits @scale-words'\n  digits: '[num]'", pattern: "(?<n> %amount)")
        let set = try RuleSet.compile([Self.lexicon, RuleSource(path: "Rules/t.yml", contents: yaml)])
        let rule = try #require(set.rules.first)
        #expect(rule.pattern == .capture("n", .sequence([.token(.init(conditions: [.flag("num", true)], source: "[num]")), .lexicon("scale-words")])))
    }

    @Test(arguments: [
        ("  digits: '[num]'", "(?<n> %digts)", "unknown definition '%digts'", "did you mean '%digits'?", 7),
        ("  a: '%b [num]'\n  b: '%a'", "(?<n> [num])", "a definition cannot use itself: %a → %b → %a", "definitions are expanded in place and cannot be recursive; repeat with {m,n} instead", 3),
        ("  digits: '(?<x> [num])'", "(?<n> [num])", "definition '%digits' has a named capture", "capture where the definition is used: (?<investor> %digits)", 2),
    ] as [(String, String, String, String?, Int)])
    func badDefinitionsAreRefused(define: String, pattern: String, message: String, hint: String?, line: Int) throws {
        let found = Self.errors(Self.defining(define, pattern: pattern))
        let error = try #require(found.first)
        #expect(found.map(\.code) == [.unknownDefinition])
        #expect(error.message == message)
        #expect(error.hint == hint)
        #expect(error.line == line)
    }
}
