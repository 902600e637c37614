import ClaimexModel
import ClaimexText
import Testing

@Suite("Sentence splitting")
struct SentenceSplitterTests {
    // MARK: - Single block

    static let cases: [SentenceCase] = [
        SentenceCase("Acme Inc. The company raised $5m.", [S("Acme Inc.", 0, 9), S("The company raised $5m.", 10, 33)]),
        SentenceCase("Acme Inc. said it raised $5m.", [S("Acme Inc. said it raised $5m.", 0, 29)]),
        SentenceCase("Lumora Corp. It was founded in 2020.", [S("Lumora Corp.", 0, 12), S("It was founded in 2020.", 13, 36)]),
        SentenceCase("Acme Ltd. Chief Executive Jane Doe said so.", [S("Acme Ltd. Chief Executive Jane Doe said so.", 0, 43)]),
        SentenceCase("Mr. Musk said so. Dr. Smith agreed.", [S("Mr. Musk said so.", 0, 17), S("Dr. Smith agreed.", 18, 35)]),
        SentenceCase("Ms. Lee met Mrs. Park at St. Mary's. They talked.", [S("Ms. Lee met Mrs. Park at St. Mary's.", 0, 36), S("They talked.", 37, 49)]),
        SentenceCase("It raised $2.5 billion. Investors cheered.", [S("It raised $2.5 billion.", 0, 23), S("Investors cheered.", 24, 42)]),
        SentenceCase("He said \"yes.\" Then he left.", [S("He said \"yes.\"", 0, 14), S("Then he left.", 15, 28)]),
        SentenceCase("“We're thrilled.” Lumora said.", [S("“We're thrilled.”", 0, 17), S("Lumora said.", 18, 30)]),
        SentenceCase("It was founded by J. P. Morgan in 1871.", [S("It was founded by J. P. Morgan in 1871.", 0, 39)]),
        SentenceCase("It ranked No. 1 in the U.S. market.", [S("It ranked No. 1 in the U.S. market.", 0, 35)]),
        SentenceCase("Lumora is based in the U.S. It has 50 staff.", [S("Lumora is based in the U.S.", 0, 27), S("It has 50 staff.", 28, 44)]),
        SentenceCase("See https://example.com/a.b. Then email press@lumora.ai. Thanks!", [S("See https://example.com/a.b.", 0, 28), S("Then email press@lumora.ai.", 29, 56), S("Thanks!", 57, 64)]),
        SentenceCase("It raised a Series A. The round was led by GV.", [S("It raised a Series A.", 0, 21), S("The round was led by GV.", 22, 46)]),
        SentenceCase("Why? Because. Really!", [S("Why?", 0, 4), S("Because.", 5, 13), S("Really!", 14, 21)]),
        SentenceCase("Wait… Then it rose.", [S("Wait…", 0, 5), S("Then it rose.", 6, 19)]),
        SentenceCase("It rose 5% (to $2bn.) Then it fell.", [S("It rose 5% (to $2bn.)", 0, 21), S("Then it fell.", 22, 35)]),
        SentenceCase("The deal closed at 3 p.m. The shares rose.", [S("The deal closed at 3 p.m.", 0, 25), S("The shares rose.", 26, 42)]),
        SentenceCase("Compare Apple vs. Google and e.g. Microsoft.", [S("Compare Apple vs. Google and e.g. Microsoft.", 0, 44)]),
        SentenceCase("The stock rose 5 pct. on Monday.", [S("The stock rose 5 pct. on Monday.", 0, 32)]),
        SentenceCase("He left.The next day", [S("He left.The next day", 0, 20)]),
        SentenceCase("It grew in 2019. 2020 was harder.", [S("It grew in 2019.", 0, 16), S("2020 was harder.", 17, 33)]),
        SentenceCase("东京。大阪。", [S("东京。", 0, 3), S("大阪。", 3, 6)]),
        SentenceCase("It raised a Series A.", [S("It raised a Series A.", 0, 21)]),
        SentenceCase("Jr. and Sr. Acme Jr. The end.", [S("Jr. and Sr. Acme Jr.", 0, 20), S("The end.", 21, 29)]),
    ]

    @Test("sentence boundaries and spans", arguments: cases)
    func split(_ testCase: SentenceCase) {
        #expect(sentences(testCase.input) == testCase.expected)
        checkInvariants(Tokenizer().analyze(testCase.input, blocks: []))
    }

    // MARK: - Blocks

    @Test("headings and list items without punctuation are one sentence each")
    func blocksEndSentences() {
        let text = "Lumora raises $5m\nThe round was led by GV. It closed Monday\n- Seed round\n- Series A"
        // Heading, paragraph, two list items (the bullets are outside the item blocks).
        let blocks = [TextSpan(0, 17), TextSpan(18, 59), TextSpan(62, 72), TextSpan(75, 83)]
        #expect(sentences(text, blocks: blocks) == [
            S("Lumora raises $5m", 0, 17),
            S("The round was led by GV.", 18, 42),
            S("It closed Monday", 43, 59),
            S("-", 60, 61),
            S("Seed round", 62, 72),
            S("-", 73, 74),
            S("Series A", 75, 83),
        ])
        checkInvariants(Tokenizer().analyze(text, blocks: blocks))
    }

    @Test("a sentence never crosses a block boundary, even mid-clause")
    func noSentenceAcrossBlocks() {
        let text = "Acme Inc. said\nit raised $5m"
        let analyzed = Tokenizer().analyze(text, blocks: [TextSpan(0, 14), TextSpan(15, 28)])
        #expect(analyzed.sentences.map(\.span) == [TextSpan(0, 14), TextSpan(15, 28)])
        #expect(analyzed.sentences.map(\.tokens) == [0..<3, 3..<8])
        // The block boundary counts as whitespace for the first token of the second block.
        #expect(analyzed.tokens[3].text == "it")
        #expect(analyzed.tokens[3].spaceBefore)
        #expect(!analyzed.tokens[0].spaceBefore)
    }

    @Test("adjacent blocks without whitespace still separate tokens and sentences")
    func adjacentBlocks() {
        let analyzed = Tokenizer().analyze("TitleBody text", blocks: [TextSpan(0, 5), TextSpan(5, 14)])
        #expect(analyzed.tokens.map { T($0) } == [
            T("Title", 0, 5, .word, false), T("Body", 5, 9, .word, true), T("text", 10, 14, .word, true),
        ])
        #expect(analyzed.sentences.map(\.span) == [TextSpan(0, 5), TextSpan(5, 14)])
    }

    @Test("unsorted, overlapping and out-of-range blocks; text between blocks is its own region")
    func irregularBlocks() {
        let text = "Alpha beta. Gamma delta\n\nstray words\n\nEpsilon"
        // "Alpha beta." is [0, 11), "Gamma delta" [12, 23), "stray words" [25, 36), "Epsilon" [38, 45).
        // Unsorted; [5, 23) overlaps [0, 11) and is trimmed to [11, 23); [38, 99) is clamped.
        let blocks = [TextSpan(38, 99), TextSpan(0, 11), TextSpan(5, 23)]
        #expect(sentences(text, blocks: blocks) == [
            S("Alpha beta.", 0, 11),
            S("Gamma delta", 12, 23),
            S("stray words", 25, 36),
            S("Epsilon", 38, 45),
        ])
        checkInvariants(Tokenizer().analyze(text, blocks: blocks))
    }

    @Test("an initial at the end of a block is split; abbreviations are not")
    func blockFinalAbbreviations() {
        let text = "It raised a Series A.\nIt is based in the U.S."
        let analyzed = Tokenizer().analyze(text, blocks: [TextSpan(0, 21), TextSpan(22, 45)])
        #expect(analyzed.tokens.map(\.text) == ["It", "raised", "a", "Series", "A", ".", "It", "is", "based", "in", "the", "U.S."])
        #expect(analyzed.sentences.map(\.tokens) == [0..<6, 6..<12])
    }

    @Test("a blank block yields no sentence")
    func blankBlock() {
        let analyzed = Tokenizer().analyze("One.\n   \nTwo.", blocks: [TextSpan(0, 4), TextSpan(5, 8), TextSpan(9, 13)])
        #expect(analyzed.sentences.map(\.span) == [TextSpan(0, 4), TextSpan(9, 13)])
    }

    @Test("AnalyzedText helpers")
    func helpers() {
        let analyzed = Tokenizer().analyze("Acme Inc. The company. ", blocks: [])
        #expect(analyzed.tokens(of: analyzed.sentences[1]).map(\.text) == ["The", "company", "."])
        #expect(analyzed.span(ofTokens: 2..<5) == TextSpan(10, 22))
        #expect(analyzed.span(ofTokens: 3..<3) == nil)
        #expect(analyzed.span(ofTokens: 4..<9) == nil)
        #expect(analyzed.string(TextSpan(-3, 4)) == "Acme")
        #expect(analyzed.string(TextSpan(21, 99)) == ". ")
    }
}
