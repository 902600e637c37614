import ClaimexModel
import ClaimexText
import Foundation
import Testing

@Suite("Tokenizer")
struct TokenizerTests {
    // MARK: - Token tables

    static let numberCases: [TokenCase] = [
        TokenCase("2.5 1,200 1,200,000.50", [T("2.5", 0, 3, .number, false), T("1,200", 4, 9, .number, true), T("1,200,000.50", 10, 22, .number, true)]),
        TokenCase("34,90 1.200.000", [T("34,90", 0, 5, .number, false), T("1.200.000", 6, 15, .number, true)]),
        TokenCase("10.5%", [T("10.5", 0, 4, .number, false), T("%", 4, 5, .symbol, false)]),
        TokenCase("It fell 3.5.1 or v1.2", [T("It", 0, 2, .word, false), T("fell", 3, 7, .word, true), T("3.5.1", 8, 13, .number, true), T("or", 14, 16, .word, true), T("v1.2", 17, 21, .word, true)]),
        TokenCase("10:30 on 1/2", [T("10", 0, 2, .number, false), T(":", 2, 3, .punctuation, false), T("30", 3, 5, .number, false), T("on", 6, 8, .word, true), T("1", 9, 10, .number, true), T("/", 10, 11, .punctuation, false), T("2", 11, 12, .number, false)]),
        TokenCase("5G 2nd 1990s 23andMe 1Password", [T("5G", 0, 2, .word, false), T("2nd", 3, 6, .word, true), T("1990s", 7, 12, .word, true), T("23andMe", 13, 20, .word, true), T("1Password", 21, 30, .word, true)]),
        TokenCase("1990's", [T("1990", 0, 4, .number, false), T("'s", 4, 6, .word, false)]),
    ]

    @Test("numbers keep their separators", arguments: numberCases)
    func numbers(_ testCase: TokenCase) {
        #expect(tokens(testCase.input) == testCase.expected)
    }

    static let currencyCases: [TokenCase] = [
        TokenCase("$2.5bn", [T("$", 0, 1, .symbol, false), T("2.5", 1, 4, .number, false), T("bn", 4, 6, .word, false)]),
        TokenCase("US$300M", [T("US$", 0, 3, .symbol, false), T("300", 3, 6, .number, false), T("M", 6, 7, .word, false)]),
        TokenCase("C$15m A$30m", [T("C$", 0, 2, .symbol, false), T("15", 2, 4, .number, false), T("m", 4, 5, .word, false), T("A$", 6, 8, .symbol, true), T("30", 8, 10, .number, false), T("m", 10, 11, .word, false)]),
        TokenCase("HK$2bn S$5m NZ$1m R$10", [T("HK$", 0, 3, .symbol, false), T("2", 3, 4, .number, false), T("bn", 4, 6, .word, false), T("S$", 7, 9, .symbol, true), T("5", 9, 10, .number, false), T("m", 10, 11, .word, false), T("NZ$", 12, 15, .symbol, true), T("1", 15, 16, .number, false), T("m", 16, 17, .word, false), T("R$", 18, 20, .symbol, true), T("10", 20, 22, .number, false)]),
        TokenCase("€1bn £1.2bn ¥10 ₹1,200", [T("€", 0, 1, .symbol, false), T("1", 1, 2, .number, false), T("bn", 2, 4, .word, false), T("£", 5, 6, .symbol, true), T("1.2", 6, 9, .number, false), T("bn", 9, 11, .word, false), T("¥", 12, 13, .symbol, true), T("10", 13, 15, .number, false), T("₹", 16, 17, .symbol, true), T("1,200", 17, 22, .number, false)]),
        TokenCase("Rs 1,200 crore", [T("Rs", 0, 2, .word, false), T("1,200", 3, 8, .number, true), T("crore", 9, 14, .word, true)]),
        TokenCase("Rs500 RM10 ABC1", [T("Rs", 0, 2, .word, false), T("500", 2, 5, .number, false), T("RM", 6, 8, .word, true), T("10", 8, 10, .number, false), T("ABC1", 11, 15, .word, true)]),
        TokenCase("Rs.500", [T("Rs.", 0, 3, .word, false), T("500", 3, 6, .number, false)]),
        TokenCase("34,90 €", [T("34,90", 0, 5, .number, false), T("€", 6, 7, .symbol, true)]),
        TokenCase("USD45m EUR1.2bn", [T("USD", 0, 3, .word, false), T("45", 3, 5, .number, false), T("m", 5, 6, .word, false), T("EUR", 7, 10, .word, true), T("1.2", 10, 13, .number, false), T("bn", 13, 15, .word, false)]),
        TokenCase("$5m-$10m", [T("$", 0, 1, .symbol, false), T("5", 1, 2, .number, false), T("m", 2, 3, .word, false), T("-", 3, 4, .punctuation, false), T("$", 4, 5, .symbol, false), T("10", 5, 7, .number, false), T("m", 7, 8, .word, false)]),
        TokenCase("$50–60 million", [T("$", 0, 1, .symbol, false), T("50", 1, 3, .number, false), T("–", 3, 4, .punctuation, false), T("60", 4, 6, .number, false), T("million", 7, 14, .word, true)]),
        TokenCase("2bn 300k 1.5tn 10mln $1MM 4B", [T("2", 0, 1, .number, false), T("bn", 1, 3, .word, false), T("300", 4, 7, .number, true), T("k", 7, 8, .word, false), T("1.5", 9, 12, .number, true), T("tn", 12, 14, .word, false), T("10", 15, 17, .number, true), T("mln", 17, 20, .word, false), T("$", 21, 22, .symbol, true), T("1", 22, 23, .number, false), T("MM", 23, 25, .word, false), T("4", 26, 27, .number, true), T("B", 27, 28, .word, false)]),
        TokenCase("$TSLA", [T("$", 0, 1, .symbol, false), T("TSLA", 1, 5, .word, false)]),
    ]

    @Test("currency signs, codes and scale suffixes split from amounts", arguments: currencyCases)
    func currency(_ testCase: TokenCase) {
        #expect(tokens(testCase.input) == testCase.expected)
    }

    static let wordCases: [TokenCase] = [
        TokenCase("Paris-based", [T("Paris", 0, 5, .word, false), T("-", 5, 6, .punctuation, false), T("based", 6, 11, .word, false)]),
        TokenCase("Google-backed", [T("Google", 0, 6, .word, false), T("-", 6, 7, .punctuation, false), T("backed", 7, 13, .word, false)]),
        TokenCase("GPT-4", [T("GPT", 0, 3, .word, false), T("-", 3, 4, .punctuation, false), T("4", 4, 5, .number, false)]),
        TokenCase("co-led", [T("co", 0, 2, .word, false), T("-", 2, 3, .punctuation, false), T("led", 3, 6, .word, false)]),
        TokenCase("OpenAI's", [T("OpenAI", 0, 6, .word, false), T("'s", 6, 8, .word, false)]),
        TokenCase("OpenAI’s", [T("OpenAI", 0, 6, .word, false), T("’s", 6, 8, .word, false)]),
        TokenCase("investors' money", [T("investors", 0, 9, .word, false), T("'", 9, 10, .punctuation, false), T("money", 11, 16, .word, true)]),
        TokenCase("don't", [T("do", 0, 2, .word, false), T("n't", 2, 5, .word, false)]),
        TokenCase("aren’t", [T("are", 0, 3, .word, false), T("n’t", 3, 6, .word, false)]),
        TokenCase("can't I'm we're they'll she'd we've", [T("ca", 0, 2, .word, false), T("n't", 2, 5, .word, false), T("I", 6, 7, .word, true), T("'m", 7, 9, .word, false), T("we", 10, 12, .word, true), T("'re", 12, 15, .word, false), T("they", 16, 20, .word, true), T("'ll", 20, 23, .word, false), T("she", 24, 27, .word, true), T("'d", 27, 29, .word, false), T("we", 30, 32, .word, true), T("'ve", 32, 35, .word, false)]),
        TokenCase("O'Brien rock'n'roll d’Ivoire", [T("O'Brien", 0, 7, .word, false), T("rock'n'roll", 8, 19, .word, true), T("d’Ivoire", 20, 28, .word, true)]),
        TokenCase("AT&T R&D M&A", [T("AT&T", 0, 4, .word, false), T("R&D", 5, 8, .word, true), T("M&A", 9, 12, .word, true)]),
        TokenCase("xAI a16z eBay", [T("xAI", 0, 3, .word, false), T("a16z", 4, 8, .word, true), T("eBay", 9, 13, .word, true)]),
        TokenCase("Amazon.com lumora.ai Web3.0", [T("Amazon.com", 0, 10, .word, false), T("lumora.ai", 11, 20, .word, true), T("Web3.0", 21, 27, .word, true)]),
        TokenCase("U.S.-based", [T("U.S.", 0, 4, .word, false), T("-", 4, 5, .punctuation, false), T("based", 5, 10, .word, false)]),
        TokenCase("e.g. i.e. a.m. U.S.A.", [T("e.g.", 0, 4, .word, false), T("i.e.", 5, 9, .word, true), T("a.m.", 10, 14, .word, true), T("U.S.A.", 15, 21, .word, true)]),
    ]

    @Test("hyphens, clitics and special words", arguments: wordCases)
    func words(_ testCase: TokenCase) {
        #expect(tokens(testCase.input) == testCase.expected)
    }

    static let punctuationCases: [TokenCase] = [
        TokenCase("\"Yes\" “No” 'maybe' ‘perhaps’", [T("\"", 0, 1, .punctuation, false), T("Yes", 1, 4, .word, false), T("\"", 4, 5, .punctuation, false), T("“", 6, 7, .punctuation, true), T("No", 7, 9, .word, false), T("”", 9, 10, .punctuation, false), T("'", 11, 12, .punctuation, true), T("maybe", 12, 17, .word, false), T("'", 17, 18, .punctuation, false), T("‘", 19, 20, .punctuation, true), T("perhaps", 20, 27, .word, false), T("’", 27, 28, .punctuation, false)]),
        TokenCase("a—b – c - d -- e", [T("a", 0, 1, .word, false), T("—", 1, 2, .punctuation, false), T("b", 2, 3, .word, false), T("–", 4, 5, .punctuation, true), T("c", 6, 7, .word, true), T("-", 8, 9, .punctuation, true), T("d", 10, 11, .word, true), T("--", 12, 14, .punctuation, true), T("e", 15, 16, .word, true)]),
        TokenCase("(a) [b] {c} a/b", [T("(", 0, 1, .punctuation, false), T("a", 1, 2, .word, false), T(")", 2, 3, .punctuation, false), T("[", 4, 5, .punctuation, true), T("b", 5, 6, .word, false), T("]", 6, 7, .punctuation, false), T("{", 8, 9, .punctuation, true), T("c", 9, 10, .word, false), T("}", 10, 11, .punctuation, false), T("a", 12, 13, .word, true), T("/", 13, 14, .punctuation, false), T("b", 14, 15, .word, false)]),
        TokenCase("Wait… what... ok", [T("Wait", 0, 4, .word, false), T("…", 4, 5, .punctuation, false), T("what", 6, 10, .word, true), T("...", 10, 13, .punctuation, false), T("ok", 14, 16, .word, true)]),
        TokenCase("https://example.com/a-b", [T("https://example.com/a-b", 0, 23, .other, false)]),
        TokenCase("(see https://en.wikipedia.org/wiki/Foo_(bar)).", [T("(", 0, 1, .punctuation, false), T("see", 1, 4, .word, false), T("https://en.wikipedia.org/wiki/Foo_(bar)", 5, 44, .other, true), T(")", 44, 45, .punctuation, false), T(".", 45, 46, .punctuation, false)]),
        TokenCase("Visit www.lumora.ai.", [T("Visit", 0, 5, .word, false), T("www.lumora.ai", 6, 19, .other, true), T(".", 19, 20, .punctuation, false)]),
        TokenCase("Email press@lumora.ai.", [T("Email", 0, 5, .word, false), T("press@lumora.ai", 6, 21, .other, true), T(".", 21, 22, .punctuation, false)]),
        TokenCase("<first.last+tag@mail.example.co.uk>", [T("<", 0, 1, .symbol, false), T("first.last+tag@mail.example.co.uk", 1, 34, .other, false), T(">", 34, 35, .symbol, false)]),
        TokenCase("@lumora #AI 5+3=8 90° Acme™", [T("@", 0, 1, .symbol, false), T("lumora", 1, 7, .word, false), T("#", 8, 9, .symbol, true), T("AI", 9, 11, .word, false), T("5", 12, 13, .number, true), T("+", 13, 14, .symbol, false), T("3", 14, 15, .number, false), T("=", 15, 16, .symbol, false), T("8", 16, 17, .number, false), T("90", 18, 20, .number, true), T("°", 20, 21, .symbol, false), T("Acme", 22, 26, .word, true), T("™", 26, 27, .symbol, false)]),
    ]

    @Test("quotes, dashes, brackets, ellipses, URLs, e-mails, symbols", arguments: punctuationCases)
    func punctuation(_ testCase: TokenCase) {
        #expect(tokens(testCase.input) == testCase.expected)
    }

    static let unicodeCases: [TokenCase] = [
        TokenCase("👍🏽 ok", [T("👍🏽", 0, 2, .other, false), T("ok", 3, 5, .word, true)]),
        TokenCase("👩‍💻🇫🇷❤️", [T("👩‍💻", 0, 3, .other, false), T("🇫🇷", 3, 5, .other, false), T("❤️", 5, 7, .other, false)]),
        TokenCase("日本語テキスト。次", [T("日", 0, 1, .word, false), T("本", 1, 2, .word, false), T("語", 2, 3, .word, false), T("テ", 3, 4, .word, false), T("キ", 4, 5, .word, false), T("ス", 5, 6, .word, false), T("ト", 6, 7, .word, false), T("。", 7, 8, .punctuation, false), T("次", 8, 9, .word, false)]),
        TokenCase("東京に$5m", [T("東", 0, 1, .word, false), T("京", 1, 2, .word, false), T("に", 2, 3, .word, false), T("$", 3, 4, .symbol, false), T("5", 4, 5, .number, false), T("m", 5, 6, .word, false)]),
        TokenCase("서울 투자", [T("서울", 0, 2, .word, false), T("투자", 3, 5, .word, true)]),
        TokenCase("Café Zürich naïve", [T("Café", 0, 4, .word, false), T("Zürich", 5, 11, .word, true), T("naïve", 12, 17, .word, true)]),
        TokenCase("10\u{00A0}%\u{2009}a\u{202F}b", [T("10", 0, 2, .number, false), T("%", 3, 4, .symbol, true), T("a", 5, 6, .word, true), T("b", 7, 8, .word, true)]),
        TokenCase("Cafe\u{0301} 1\u{FE0F}\u{20E3}#\u{20E3}", [T("Cafe\u{0301}", 0, 5, .word, false), T("1\u{FE0F}\u{20E3}", 6, 9, .other, true), T("#\u{20E3}", 9, 11, .other, false)]),
        TokenCase("a\u{200B}b\u{FEFF}c", [T("a", 0, 1, .word, false), T("b", 2, 3, .word, true), T("c", 4, 5, .word, true)]),
    ]

    @Test("emoji, CJK, accents and Unicode whitespace", arguments: unicodeCases)
    func unicode(_ testCase: TokenCase) {
        #expect(tokens(testCase.input) == testCase.expected)
    }

    // MARK: - Abbreviations

    static let abbreviations = [
        "Inc.", "Corp.", "Ltd.", "Co.", "Mr.", "Mrs.", "Ms.", "Dr.", "Jr.", "St.", "U.S.", "U.K.", "E.U.",
        "vs.", "approx.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.",
        "Nov.", "Dec.", "No.", "Rs.", "J.", "Ph.D.", "e.g.", "i.e.", "a.m.", "p.m.", "Calif.", "etc.",
    ]

    @Test("abbreviations keep their period", arguments: abbreviations)
    func abbreviationKeepsPeriod(_ abbreviation: String) {
        let length = abbreviation.unicodeScalars.count
        #expect(tokens("\(abbreviation) x") == [
            T(abbreviation, 0, length, .word, false),
            T("x", length + 1, length + 2, .word, true),
        ])
    }

    @Test("May is never abbreviated, nor is an unknown word")
    func mayIsNotAnAbbreviation() {
        #expect(tokens("May. x") == [T("May", 0, 3, .word, false), T(".", 3, 4, .punctuation, false), T("x", 5, 6, .word, true)])
        #expect(tokens("Acme. x") == [T("Acme", 0, 4, .word, false), T(".", 4, 5, .punctuation, false), T("x", 6, 7, .word, true)])
    }

    @Test("abbreviations match case-sensitively")
    func abbreviationCase() {
        #expect(tokens("inc. x").map(\.text) == ["inc", ".", "x"])
        #expect(tokens("no. x").map(\.text) == ["no", ".", "x"])
    }

    @Test("custom abbreviations")
    func customAbbreviations() {
        let tokenizer = Tokenizer(abbreviations: ["GmbH."], continuingAbbreviations: ["Bd."], sentenceStarters: ["Das"])
        let analyzed = tokenizer.analyze("Acme GmbH. Das Bd. Neun. Inc. x", blocks: [])
        #expect(analyzed.tokens.map(\.text) == ["Acme", "GmbH.", "Das", "Bd.", "Neun", ".", "Inc", ".", "x"])
        #expect(analyzed.sentences.map { analyzed.string($0.span) } == ["Acme GmbH.", "Das Bd. Neun.", "Inc. x"])
    }

    @Test("an initial ending a sentence is split into letter and period")
    func sentenceFinalInitial() {
        #expect(tokens("a Series A. The round") == [
            T("a", 0, 1, .word, false), T("Series", 2, 8, .word, true), T("A", 9, 10, .word, true),
            T(".", 10, 11, .punctuation, false), T("The", 12, 15, .word, true), T("round", 16, 21, .word, true),
        ])
        #expect(tokens("in a Series B.").map(\.text) == ["in", "a", "Series", "B", "."])
        #expect(tokens("J. P. Morgan").map(\.text) == ["J.", "P.", "Morgan"])
    }

    // MARK: - Token properties

    @Test("shape, lower, isCapitalized, numberValue")
    func derivedProperties() throws {
        let analyzed = Tokenizer().analyze("Lumora AT&T raised $1,200,000.50 via iPhone 5G 3M xAI ÉCOLE 日 v1.2", blocks: [])
        let byText = Dictionary(analyzed.tokens.map { ($0.text, $0) }, uniquingKeysWith: { first, _ in first })
        let lumora = try #require(byText["Lumora"])
        #expect(lumora.shape == "Xxxxx")
        #expect(lumora.lower == "lumora")
        #expect(lumora.isCapitalized)
        #expect(lumora.numberValue == nil)
        #expect(byText["AT&T"]?.shape == "XX&X")
        #expect(byText["raised"]?.shape == "xxxx")
        #expect(byText["raised"]?.isCapitalized == false)
        let amount = try #require(byText["1,200,000.50"])
        #expect(amount.kind == .number)
        #expect(amount.shape == "d,ddd,ddd.dd")
        #expect(amount.numberValue == dec("1200000.5"))
        #expect(byText["$"]?.shape == "$")
        #expect(byText["$"]?.isCapitalized == false)
        #expect(byText["iPhone"]?.isCapitalized == false)
        #expect(byText["iPhone"]?.shape == "xXxxxx")
        #expect(byText["5G"]?.isCapitalized == true)
        // A single-letter scale suffix splits even in names: 3M → 3 M.
        #expect(analyzed.tokens.map(\.text).contains("M"))
        #expect(byText["xAI"]?.shape == "xXX")
        #expect(byText["ÉCOLE"]?.lower == "école")
        #expect(byText["AT&T"]?.lower == "at&t")
        #expect(byText["xAI"]?.lower == "xai")
        #expect(byText["raised"]?.lower == "raised")
        #expect(byText["1,200,000.50"]?.lower == "1,200,000.50")
        #expect(byText["ÉCOLE"]?.shape == "XXXX")
        #expect(byText["日"]?.shape == "x")
        #expect(byText["v1.2"]?.numberValue == nil)
        #expect(Token.shape(of: "1234567") == "dddd")
        #expect(Token.shape(of: "AAAAAbbbbbb") == "XXXXxxxx")
    }

    @Test("a token built by hand computes its derived properties")
    func handBuiltToken() {
        let token = Token(text: "34,90", span: TextSpan(5, 10), kind: .number, spaceBefore: true)
        #expect(token.numberValue == dec("34.9"))
        #expect(token.shape == "dd,dd")
        #expect(token.description == "34,90@[5, 10)")
        let word = Token(text: "Lumora", span: TextSpan(0, 6), kind: .word, spaceBefore: false)
        #expect(word.numberValue == nil)
    }

    @Test("empty and whitespace-only texts have no tokens or sentences")
    func emptyText() {
        for text in ["", " ", "\n\n\u{00A0}\u{2009}"] {
            let analyzed = Tokenizer().analyze(text, blocks: [])
            #expect(analyzed.tokens.isEmpty)
            #expect(analyzed.sentences.isEmpty)
        }
    }

    /// ASCII tokens take a byte path to their lowercase and capital; it must agree with
    /// the general one.
    @Test(arguments: ["Lumora", "lumora", "US$", "3M", "e.g.", "iPhone", "McDonald's", "123", "--", "ÉTAT", "état", "Zürich", "x1Y", "LONG-ENOUGH-TO-BE-ON-THE-HEAP"])
    func asciiTokensLowerAndCapitalAsUnicodeDoes(_ text: String) {
        let token = Token(text: text, span: TextSpan(0, text.unicodeScalars.count), kind: .word, spaceBefore: false)
        #expect(token.lower == text.lowercased())
        #expect(token.isCapitalized == (text.unicodeScalars.first(where: \.properties.isAlphabetic).map { $0.properties.isUppercase } ?? false))
    }
}
