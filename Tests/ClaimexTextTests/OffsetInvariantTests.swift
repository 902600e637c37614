import ClaimexModel
import ClaimexText
import Foundation
import Testing

@Suite("Scalar offsets")
struct OffsetInvariantTests {
    /// 👍🏽 is two scalars (thumbs up + skin tone); the CJK run and 。 are one scalar each.
    static let prefix = "👍🏽 日本語テキスト。 "

    static let article = """
    Lumora raises $2.5bn (€2.3bn) to build AI chips
    SAN FRANCISCO, Calif. — Lumora Inc., a Paris-based start-up, said on Tuesday it raised US$300M \
    in a Series C led by Andreessen Horowitz. Mr. Smith, the company's CEO, told Reuters: "We don't \
    plan to list in the U.S. this year." The round values Lumora at $30 billion… Investors' appetite \
    hasn't faded.
    Other backers include Google-backed GV, a16z and xAI (see https://example.com/a-b). Contact \
    press@lumora.ai 👍🏽 for details; R&D spend rose 10.5% to Rs 1,200 crore, or 34,90 € per share.
    - Seed: $5m-$10m from J. P. Morgan
    - Series A. 👩‍💻 東京に拠点。
    """

    /// One block per line.
    static func lineBlocks(_ text: String, offset: Int = 0) -> [TextSpan] {
        var blocks: [TextSpan] = []
        var start = 0
        var index = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                blocks.append(TextSpan(start + offset, index + offset))
                start = index + 1
            }
            index += 1
        }
        blocks.append(TextSpan(start + offset, index + offset))
        return blocks
    }

    @Test("the prefix is 12 scalars")
    func prefixLength() {
        #expect(Self.prefix.unicodeScalars.count == 12)
        #expect(Self.prefix.utf16.count == 14)
        #expect(Self.prefix.count == 11)
    }

    @Test("every token and sentence span reads back as its text")
    func spansReadBack() {
        let tokenizer = Tokenizer()
        checkInvariants(tokenizer.analyze(Self.article, blocks: Self.lineBlocks(Self.article)))
        checkInvariants(tokenizer.analyze(Self.article, blocks: []))
        let prefixed = Self.prefix + Self.article
        checkInvariants(tokenizer.analyze(prefixed, blocks: Self.lineBlocks(prefixed)))
        checkInvariants(tokenizer.analyze(prefixed, blocks: []))
    }

    @Test("a prefix shifts every span by exactly its scalar count", arguments: [true, false])
    func prefixShiftsOffsets(withBlocks: Bool) throws {
        let shift = Self.prefix.unicodeScalars.count
        let tokenizer = Tokenizer()
        let plain = tokenizer.analyze(Self.article, blocks: withBlocks ? Self.lineBlocks(Self.article) : [])
        // With blocks, the prefix lies outside every block and is analyzed as a region of its own.
        let prefixed = tokenizer.analyze(
            Self.prefix + Self.article,
            blocks: withBlocks ? Self.lineBlocks(Self.article, offset: shift) : []
        )

        let prefixTokens = prefixed.tokens.prefix { $0.span.start < shift }
        #expect(prefixTokens.map(\.text) == ["👍🏽", "日", "本", "語", "テ", "キ", "ス", "ト", "。"])
        #expect(prefixTokens.map(\.span) == [TextSpan(0, 2)] + (3..<11).map { TextSpan($0, $0 + 1) })
        #expect(prefixTokens.first?.kind == .other)

        let shifted = Array(prefixed.tokens.dropFirst(prefixTokens.count))
        try #require(shifted.count == plain.tokens.count)
        for (original, moved) in zip(plain.tokens, shifted) {
            #expect(moved.text == original.text)
            #expect(moved.kind == original.kind)
            #expect(moved.span == TextSpan(original.span.start + shift, original.span.end + shift))
        }
        // Only the first token's spaceBefore differs: it now follows the prefix's space.
        #expect(zip(plain.tokens, shifted).dropFirst().allSatisfy { $0.spaceBefore == $1.spaceBefore })
        #expect(shifted.first?.spaceBefore == true)
        #expect(plain.tokens.first?.spaceBefore == false)

        // The prefix is one sentence (。 ends it); the rest are the original sentences, shifted.
        #expect(prefixed.sentences.first?.span == TextSpan(0, 11))
        let movedSentences = prefixed.sentences.dropFirst().map {
            Sentence(
                span: TextSpan($0.span.start - shift, $0.span.end - shift),
                tokens: ($0.tokens.lowerBound - prefixTokens.count)..<($0.tokens.upperBound - prefixTokens.count)
            )
        }
        #expect(movedSentences == plain.sentences)
    }

    @Test("sentences of the sample article")
    func articleSentences() {
        let analyzed = Tokenizer().analyze(Self.article, blocks: Self.lineBlocks(Self.article))
        #expect(analyzed.sentences.map { analyzed.string($0.span) } == [
            "Lumora raises $2.5bn (€2.3bn) to build AI chips",
            "SAN FRANCISCO, Calif. — Lumora Inc., a Paris-based start-up, said on Tuesday it raised US$300M in a Series C led by Andreessen Horowitz.",
            "Mr. Smith, the company's CEO, told Reuters: \"We don't plan to list in the U.S. this year.\"",
            "The round values Lumora at $30 billion…",
            "Investors' appetite hasn't faded.",
            "Other backers include Google-backed GV, a16z and xAI (see https://example.com/a-b).",
            "Contact press@lumora.ai 👍🏽 for details; R&D spend rose 10.5% to Rs 1,200 crore, or 34,90 € per share.",
            "- Seed: $5m-$10m from J. P. Morgan",
            // An initial before a non-starter (here an emoji) does not end the sentence.
            "- Series A. 👩‍💻 東京に拠点。",
        ])
    }

    @Test("TextSpan encodes as a two-element array")
    func textSpanCodable() throws {
        let data = try JSONEncoder().encode(TextSpan(3, 7))
        #expect(String(decoding: data, as: UTF8.self) == "[3,7]")
        #expect(try JSONDecoder().decode(TextSpan.self, from: Data("[12,20]".utf8)) == TextSpan(12, 20))
    }

    // MARK: - Fuzzing

    /// A tiny deterministic generator (SplitMix64), so failures are reproducible.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Fragments that exercise every branch of the scanner when glued together at random.
    static let fragments: [String] = [
        "a", "Z", "U", "S", ".", ",", "'", "’", "s", "n", "t", "-", "–", "$", "€", "US$", "1", "2.5", "0", "bn", "m",
        "@", ":", "/", "https://", "www.", "x.com", "&", "(", ")", "\"", "“", "”", "…", "...", "!", "?", " ", "  ",
        "\n", "\u{00A0}", "\u{2009}", "\u{200B}", "👍", "\u{1F3FD}", "\u{200D}", "\u{FE0F}", "\u{20E3}", "🇫",
        "🇷", "日", "テ", "。", "\u{0301}", "Inc.", "Mr.", "J.", "The", "No.", "e.g.", "Rs.", "press@l.ai", "#", "%",
        "\u{0000}", "\u{FEFF}", "٣", "ß", "İ",
    ]

    @Test("random texts keep every invariant", arguments: 0..<8)
    func fuzz(seed: UInt64) {
        var random = SplitMix64(state: seed)
        let tokenizer = Tokenizer()
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0...40, using: &random))
                .map { _ in Self.fragments.randomElement(using: &random) ?? "" }
                .joined()
            let count = text.unicodeScalars.count
            let blocks = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                let start = Int.random(in: -2...(count + 2), using: &random)
                return TextSpan(start, start + Int.random(in: -1...20, using: &random))
            }
            checkInvariants(tokenizer.analyze(text, blocks: blocks))
        }
    }
}
