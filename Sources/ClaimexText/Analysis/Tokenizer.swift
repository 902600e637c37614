import ClaimexModel

/// Splits article text into tokens and sentences, with scalar-offset spans.
///
/// The tokenizer is a single linear pass over the text's Unicode scalars: the text is
/// cut at whitespace into chunks, and each chunk is scanned left to right by a small
/// hand-written state machine (no regular expressions, no substring building except for
/// the tokens themselves). Sentence splitting then runs over each block's tokens.
///
/// Notable tokenization choices (all covered by tests):
/// - Numbers keep their separators (`1,200,000.50`, `34,90`); a glued scale suffix is its
///   own token (`2.5` `bn`), as is a glued currency prefix (`$`, `€`, `US$`, `HK$`, `USD`).
///   Plain digits glued to other letters stay one word (`5G`, `2nd`, `1990s`, `23andMe`).
/// - `Rs.500` → `Rs.` `500` (`Rs.` is an abbreviation); `Rs 1,200` → `Rs` `1,200`.
/// - Hyphens, dashes, slashes, quotes and brackets are their own tokens; glued tokens
///   have `spaceBefore == false`, so rules can still see `Paris-based` as one unit.
/// - Clitics are split spaCy-style: `OpenAI` `'s`, `do` `n't`, `we` `'re`; other inner
///   apostrophes stay in the word (`O'Brien`, `d'Ivoire`).
/// - Abbreviations (see `abbreviations`), dotted acronyms (`U.S.`, `e.g.`, `a.m.`) and
///   single capital initials (`J.`) keep their period. An initial that turns out to end a
///   sentence (`… in a Series A.` at the end of a block, or before `The`) is split into
///   `A` `.` so that rules can match `Series A`.
/// - URLs (`https://…`, `www.…`) and e-mail addresses are one `.other` token; trailing
///   sentence punctuation is left out of them. Names like `Amazon.com` and `AT&T` are words.
/// - Emoji are `.other` tokens, one per emoji (including skin tones, ZWJ sequences,
///   flags and keycaps). Han, Hiragana and Katakana characters are one `.word` token each,
///   because those scripts put no spaces between words; Hangul, Thai etc. form words
///   like Latin letters do.
public struct Tokenizer: Sendable {
    /// Abbreviations that keep their trailing period, matched case-sensitively
    /// (`Inc.` but not `inc.`, so a sentence ending in `no.` is not mistaken for `No.`).
    /// After one of these, a sentence ends only before a common sentence starter.
    public let abbreviations: Set<String>
    /// Abbreviations after which a sentence never ends: titles and words that always
    /// continue (`Mr.`, `Dr.`, `St.`, `No.`, `vs.`, `e.g.`). They are tokenized like
    /// `abbreviations` (the tokenizer uses the union of both sets).
    public let continuingAbbreviations: Set<String>
    /// Capitalized words that start sentences often enough that an abbreviation or a
    /// single initial before them is taken to end the previous sentence (`Acme Inc. The …`).
    public let sentenceStarters: Set<String>

    /// The union used when deciding whether a period belongs to the preceding word.
    let periodWords: Set<String>

    /// Creates a tokenizer.
    /// - Parameters:
    ///   - abbreviations: Abbreviations that keep their period and may end a sentence.
    ///   - continuingAbbreviations: Abbreviations that keep their period and never end a sentence.
    ///   - sentenceStarters: Words that, after an abbreviation or initial, begin a new sentence.
    public init(
        abbreviations: Set<String> = Tokenizer.defaultAbbreviations,
        continuingAbbreviations: Set<String> = Tokenizer.defaultContinuingAbbreviations,
        sentenceStarters: Set<String> = Tokenizer.defaultSentenceStarters
    ) {
        self.abbreviations = abbreviations
        self.continuingAbbreviations = continuingAbbreviations
        self.sentenceStarters = sentenceStarters
        self.periodWords = abbreviations.union(continuingAbbreviations)
    }

    // MARK: - Defaults

    /// Company suffixes, months (not `May.`), US state abbreviations and other abbreviations
    /// that can also end a sentence. Dotted acronyms made of single letters (`U.S.`, `U.K.`,
    /// `E.U.`, `a.m.`) are recognised without being listed; some are listed anyway for clarity.
    public static let defaultAbbreviations: Set<String> = [
        // Company and organisation suffixes
        "Inc.", "Corp.", "Ltd.", "Co.", "Cos.", "Bros.", "Plc.", "Pty.", "Assn.", "Dept.", "Univ.", "Intl.",
        // Name suffixes
        "Jr.", "Sr.",
        // Dotted acronyms (also recognised generically)
        "U.S.", "U.K.", "E.U.", "U.N.", "U.S.A.", "a.m.", "p.m.", "Ph.D.",
        // Months – "May" is never abbreviated
        "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
        // Streets
        "Ave.", "Blvd.", "Rd.",
        // US states (AP style, common in datelines)
        "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.", "Kan.",
        "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.", "Nev.", "Okla.",
        "Ore.", "Pa.", "Tenn.", "Tex.", "Va.", "Vt.", "Wash.", "Wis.", "Wyo.",
        // Misc.
        "etc.", "est.", "Mfg.",
    ]

    /// Titles and other abbreviations after which a sentence never ends.
    public static let defaultContinuingAbbreviations: Set<String> = [
        // Titles
        "Mr.", "Mrs.", "Ms.", "Messrs.", "Mmes.", "Dr.", "Prof.", "St.", "Mt.", "Ft.", "Sen.", "Rep.", "Gov.",
        "Gen.", "Lt.", "Col.", "Capt.", "Sgt.", "Adm.", "Cmdr.", "Rev.", "Hon.", "Pres.", "Supt.", "Fr.",
        // Always followed by more text
        "vs.", "v.", "approx.", "e.g.", "i.e.", "cf.", "viz.", "ca.", "No.", "Nos.", "Rs.", "Fig.",
        "Figs.", "Vol.", "Ref.",
    ]

    /// Capitalized words that commonly start a sentence.
    public static let defaultSentenceStarters: Set<String> = [
        "The", "It", "He", "She", "They", "In", "But", "A", "An", "This", "That", "Its", "We", "On", "At",
        "For", "According", "I", "His", "Her", "Their", "Our", "There", "These", "Those", "However",
        "Meanwhile", "After", "While", "When", "As", "Since", "With", "Last", "Earlier",
    ]

    // MARK: - Analysis

    /// Splits `text` into sentences and tokens. `blocks` are the paragraph/heading/list-item spans of the text (scalar offsets); a sentence never crosses a block boundary, and a block with no sentence-final punctuation (a heading, a list item) is one sentence.
    ///
    /// Blocks are clamped to the text, sorted, and trimmed where they overlap an earlier
    /// block. Text between or around blocks is analyzed as if it were a block of its own,
    /// so every non-whitespace scalar is covered by a token. An empty `blocks` array means
    /// the whole text is one block. A block boundary counts as whitespace for `spaceBefore`.
    public func analyze(_ text: String, blocks: [TextSpan]) -> AnalyzedText {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
        var sentences: [Sentence] = []
        let splitter = SentenceSplitter(
            continuingAbbreviations: continuingAbbreviations,
            sentenceStarters: sentenceStarters
        )
        var scanner = TokenScanner(scalars: scalars, periodWords: periodWords)

        for region in Tokenizer.regions(of: blocks, count: scalars.count) {
            // Tokens are made in place and sentences split there: each token is stored once
            // and never copied (a copy retains its text).
            let base = tokens.count
            scanner.tokenize(region, afterEarlierTokens: base > 0, appendingTo: &tokens)
            guard tokens.count > base else { continue }
            for indices in splitter.split(&tokens, from: base) {
                let span = TextSpan(tokens[indices.lowerBound].span.start, tokens[indices.upperBound - 1].span.end)
                sentences.append(Sentence(span: span, tokens: indices))
            }
        }
        return AnalyzedText(text: text, scalars: scalars, tokens: tokens, sentences: sentences)
    }

    /// Tokenizes `text` as a single block and returns only the tokens.
    public func tokenize(_ text: String) -> [Token] {
        analyze(text, blocks: []).tokens
    }

    /// The regions analyzed independently: the blocks (clamped, sorted, de-overlapped)
    /// plus the gaps between them.
    static func regions(of blocks: [TextSpan], count: Int) -> [Range<Int>] {
        guard !blocks.isEmpty else { return [0..<count] }
        let sorted = blocks
            .map { TextSpan(min(max($0.start, 0), count), min(max($0.end, 0), count)) }
            .sorted()
        var regions: [Range<Int>] = []
        var cursor = 0
        for block in sorted {
            let start = max(block.start, cursor)
            guard start < block.end else { continue }
            if cursor < start { regions.append(cursor..<start) }
            regions.append(start..<block.end)
            cursor = block.end
        }
        if cursor < count { regions.append(cursor..<count) }
        return regions
    }
}

// MARK: - Scanner

/// The per-text tokenizing state machine. Works on scalar indices only.
struct TokenScanner {
    let s: [Unicode.Scalar]
    let periodWords: Set<String>

    private var tokens: [Token] = []
    /// `spaceBefore` for the next emitted token.
    private var pendingSpace = false
    /// Start of the current whitespace-delimited chunk.
    private var chunkStart = 0

    init(scalars: [Unicode.Scalar], periodWords: Set<String>) {
        self.s = scalars
        self.periodWords = periodWords
    }

    /// Tokenizes one region onto the end of `output`. `afterEarlierTokens` makes the
    /// region's first token count as preceded by whitespace (a block boundary separates it
    /// from the previous token).
    mutating func tokenize(_ region: Range<Int>, afterEarlierTokens: Bool, appendingTo output: inout [Token]) {
        swap(&tokens, &output)
        defer { swap(&tokens, &output) }
        var i = region.lowerBound
        let end = region.upperBound
        var isFirstChunk = true
        while i < end {
            if s[i].isSeparator {
                i += 1
                continue
            }
            // A chunk: the maximal run of non-separators. Note what special tokens it may hold
            // so the URL/e-mail matchers only run where they can succeed.
            var chunkEnd = i
            var hasAt = false, hasColon = false, hasDot = false
            while chunkEnd < end, !s[chunkEnd].isSeparator {
                switch s[chunkEnd] {
                case "@": hasAt = true
                case ":": hasColon = true
                case ".": hasDot = true
                default: break
                }
                chunkEnd += 1
            }
            chunkStart = i
            pendingSpace = (i > 0 && s[i - 1].isSeparator) || (isFirstChunk && afterEarlierTokens)
            isFirstChunk = false
            scanChunk(end: chunkEnd, mayHoldURL: hasColon || hasDot, mayHoldEmail: hasAt && hasDot)
            i = chunkEnd
        }
    }

    // MARK: Chunk

    private mutating func scanChunk(end: Int, mayHoldURL: Bool, mayHoldEmail: Bool) {
        var i = chunkStart
        while i < end {
            let c = s[i]
            if mayHoldURL, let urlEnd = urlEnd(at: i, limit: end) {
                emit(i, urlEnd, .other)
                i = urlEnd
            } else if mayHoldEmail, let emailEnd = emailEnd(at: i, limit: end) {
                emit(i, emailEnd, .other)
                i = emailEnd
            } else if let keycap = keycapEnd(at: i, limit: end) {
                emit(i, keycap, .other)
                i = keycap
            } else if c.isDigitLike {
                i = scanNumber(at: i, limit: end)
            } else if c.isCJKCharacter {
                let e = marksEnd(after: i + 1, limit: end)
                emit(i, e, .word)
                i = e
            } else if c.isLetterLike {
                i = scanWord(at: i, limit: end, allowPrefixes: true)
            } else if let emoji = emojiEnd(at: i, limit: end) {
                emit(i, emoji, .other)
                i = emoji
            } else {
                i = scanPunctuationOrSymbol(at: i, limit: end)
            }
        }
    }

    // MARK: Numbers

    /// Digits with inner `.`/`,` separators. A glued scale suffix (`bn`, `m`, `K`) becomes its
    /// own word; other glued letters make plain digits part of a word (`5G`, `2nd`).
    private mutating func scanNumber(at i: Int, limit: Int) -> Int {
        var j = i
        while j < limit, s[j].isDigitLike { j += 1 }
        var hasSeparator = false
        while j + 1 < limit, s[j] == "." || s[j] == ",", s[j + 1].isDigitLike {
            j += 1
            while j < limit, s[j].isDigitLike { j += 1 }
            hasSeparator = true
        }
        guard j < limit, s[j].continuesWord else {
            emit(i, j, .number)
            return j
        }
        var k = j
        var lettersOnly = true
        while k < limit, s[k].continuesWord {
            if !s[k].isLetterLike { lettersOnly = false }
            k += 1
        }
        // Scale words are at most 9 letters ("trillions"); avoid building longer strings.
        if lettersOnly, k - j <= 9, NumberWords.scale(of: string(j, k)) != nil {
            emit(i, j, .number)
            emit(j, k, .word)
            return k
        }
        if !hasSeparator {
            return scanWord(at: i, limit: limit, allowPrefixes: false)
        }
        emit(i, j, .number)
        return j
    }

    // MARK: Words

    /// ISO 4217 codes and local abbreviations that may be glued to an amount (`USD45m`,
    /// `EUR1.2bn`, `Rs500`, `RM10`).
    private static let currencyCodes: Set<String> = [
        "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "CAD", "AUD", "CHF", "HKD", "SGD", "NZD", "SEK",
        "NOK", "DKK", "KRW", "BRL", "MXN", "ZAR", "RUB", "TRY", "AED", "SAR", "ILS", "PLN", "CZK", "HUF",
        "IDR", "MYR", "THB", "PHP", "VND", "NGN", "KES", "EGP", "PKR", "BDT", "TWD", "CLP", "COP", "ARS",
        "PEN", "UAH", "RON", "QAR", "KWD", "ISK", "Rs", "Rp", "RM",
    ]

    private mutating func scanWord(at i: Int, limit: Int, allowPrefixes: Bool) -> Int {
        if allowPrefixes {
            // Currency prefix: 1–3 capitals glued to "$" (US$, C$, HK$, NZ$, R$) is one symbol.
            var j = i
            while j < limit, j - i < 4, s[j].value >= 0x41, s[j].value <= 0x5A { j += 1 }
            if (1...3).contains(j - i), j < limit, s[j] == "$" {
                emit(i, j + 1, .symbol)
                return j + 1
            }
            // A currency code glued to digits: USD45m → USD 45 m, Rs500 → Rs 500.
            var k = i
            while k < limit, k - i < 4, s[k].value < 0x80, s[k].isLetterLike { k += 1 }
            if (2...3).contains(k - i), k < limit, s[k].isDigitLike, TokenScanner.currencyCodes.contains(string(i, k)) {
                emit(i, k, .word)
                return k
            }
            if let acronym = dottedAcronymEnd(at: i, limit: limit) {
                emit(i, acronym, .word)
                return acronym
            }
        }

        let j = wordEnd(from: i, limit: limit)
        // don't → do n't; the "n" belongs to the clitic.
        if j - i >= 2, isNegationClitic(apostropheAt: j, limit: limit) {
            emit(i, j - 1, .word)
            emit(j - 1, j + 2, .word)
            return j + 2
        }
        if j < limit, s[j] == "." {
            if let abbreviation = abbreviationEnd(wordStart: i, periodAt: j, limit: limit) {
                emit(i, abbreviation, .word)
                return abbreviation
            }
            if j - i == 1, s[i].isUppercaseLetter {
                // A single capital initial: "J. P. Morgan".
                emit(i, j + 1, .word)
                return j + 1
            }
        }
        emit(i, j, .word)
        return j
    }

    /// The end of the word starting at `i`: letters, digits and marks, joined across an
    /// inner `&` (AT&T), a `.` followed by a lowercase letter (Amazon.com) or between digits
    /// (v1.2), and an apostrophe that is not a clitic (O'Brien).
    private func wordEnd(from i: Int, limit: Int) -> Int {
        var j = i
        while j < limit {
            let c = s[j]
            if c.continuesWord {
                j += 1
                continue
            }
            guard j > i, j + 1 < limit, s[j - 1].isAlphanumericLike else { break }
            let next = s[j + 1]
            if c == "&", next.isAlphanumericLike {
                j += 2
            } else if c == ".", j - i >= 2, next.value >= 0x61, next.value <= 0x7A {
                // Domain-like names: Amazon.com, Lumora.ai, node.js
                j += 2
            } else if c == ".", s[j - 1].isDigitLike, next.isDigitLike {
                // Versions inside words: v1.2, Web3.0
                j += 2
            } else if c.isApostrophe, next.isLetterLike, !next.isCJKCharacter,
                      cliticLength(apostropheAt: j, limit: limit) == nil,
                      !isNegationClitic(apostropheAt: j, limit: limit) {
                j += 2
            } else {
                break
            }
        }
        return j
    }

    /// `U.S.`, `U.K.`, `e.g.`, `a.m.`: two or more single letters each followed by a period.
    private func dottedAcronymEnd(at i: Int, limit: Int) -> Int? {
        var k = i
        var groups = 0
        while k + 1 < limit, s[k].isLetterLike, !s[k].isCJKCharacter, s[k + 1] == "." {
            k += 2
            groups += 1
        }
        return groups >= 2 ? k : nil
    }

    /// The end (after the final period) of the longest known abbreviation that starts at
    /// `wordStart` and whose first period is at `periodAt` (`Inc.`, `Ph.D.`).
    private func abbreviationEnd(wordStart: Int, periodAt: Int, limit: Int) -> Int? {
        var best: Int?
        var period = periodAt
        for _ in 0..<4 {
            if periodWords.contains(string(wordStart, period + 1)) { best = period + 1 }
            var m = period + 1
            guard m < limit, s[m].isLetterLike, !s[m].isCJKCharacter else { break }
            while m < limit, s[m].isLetterLike, !s[m].isCJKCharacter { m += 1 }
            guard m < limit, s[m] == "." else { break }
            period = m
        }
        return best
    }

    // MARK: Clitics

    /// `'s`, `'re`, `'ve`, `'ll`, `'d`, `'m` (either apostrophe, any case) ending the chunk's
    /// word: returns the clitic's length including the apostrophe.
    private func cliticLength(apostropheAt j: Int, limit: Int) -> Int? {
        guard j < limit, s[j].isApostrophe else { return nil }
        var k = j + 1
        var letters: [UInt32] = []
        while k < limit, letters.count < 3, s[k].isLetterLike {
            letters.append(s[k].value | 0x20)
            k += 1
        }
        guard k == limit || !s[k].isAlphanumericLike else { return nil }
        let s_ = UInt32(0x73), d = UInt32(0x64), m = UInt32(0x6D), r = UInt32(0x72), e = UInt32(0x65),
            v = UInt32(0x76), l = UInt32(0x6C)
        switch letters {
        case [s_], [d], [m], [r, e], [v, e], [l, l]: return 1 + letters.count
        default: return nil
        }
    }

    /// Whether `s[j]` is the apostrophe of a word-final `n't` (`don't`, `aren’t`).
    private func isNegationClitic(apostropheAt j: Int, limit: Int) -> Bool {
        guard j >= 1, j + 1 < limit, s[j].isApostrophe,
              s[j - 1] == "n" || s[j - 1] == "N", s[j + 1] == "t" || s[j + 1] == "T" else { return false }
        return j + 2 == limit || !s[j + 2].isAlphanumericLike
    }

    // MARK: URLs and e-mail

    private static let urlPrefixes: [[Unicode.Scalar]] = ["https://", "http://", "ftp://", "www."]
        .map { Array($0.unicodeScalars) }

    /// A URL starting at `i` (`https://…`, `http://…`, `ftp://…`, `www.…`), without trailing
    /// sentence punctuation and without a closing bracket it did not open.
    private func urlEnd(at i: Int, limit: Int) -> Int? {
        guard i == chunkStart || !s[i - 1].isAlphanumericLike else { return nil }
        guard let prefix = TokenScanner.urlPrefixes.first(where: { hasPrefix($0, at: i, limit: limit) }) else { return nil }
        var j = i + prefix.count
        while j < limit {
            switch s[j] {
            case "\"", "<", ">", "\u{201C}", "\u{201D}", "\u{2018}", "\u{00AB}", "\u{00BB}": break
            default: j += 1; continue
            }
            break
        }
        while j > i + prefix.count {
            let last = s[j - 1]
            switch last {
            case ".", ",", ";", ":", "!", "?", "'", "\u{2019}", "\u{2026}":
                j -= 1
                continue
            case ")", "]", "}":
                let opener: Unicode.Scalar = last == ")" ? "(" : last == "]" ? "[" : "{"
                let opened = s[i..<(j - 1)].reduce(0) { $0 + ($1 == opener ? 1 : 0) - ($1 == last ? 1 : 0) }
                if opened > 0 { break }
                j -= 1
                continue
            default:
                break
            }
            break
        }
        return j > i + prefix.count ? j : nil
    }

    /// Case-insensitive ASCII prefix test.
    private func hasPrefix(_ prefix: [Unicode.Scalar], at i: Int, limit: Int) -> Bool {
        guard i + prefix.count < limit else { return false }
        for (offset, p) in prefix.enumerated() {
            let c = s[i + offset]
            let folded = c.value >= 0x41 && c.value <= 0x5A ? c.value | 0x20 : c.value
            if folded != p.value { return false }
        }
        return true
    }

    /// An e-mail address `local@domain.tld` starting at `i`.
    private func emailEnd(at i: Int, limit: Int) -> Int? {
        func isLocal(_ c: Unicode.Scalar) -> Bool {
            c.value < 0x80 && (c.isAlphanumericLike || c == "." || c == "_" || c == "%" || c == "+" || c == "-")
        }
        guard isLocal(s[i]), s[i] != ".", i == chunkStart || !isLocal(s[i - 1]) else { return nil }
        var j = i
        while j < limit, isLocal(s[j]) { j += 1 }
        guard j < limit, s[j] == "@", j + 1 < limit, s[j + 1].isAlphanumericLike else { return nil }
        var k = j + 1
        while k < limit, s[k].isAlphanumericLike || s[k] == "." || s[k] == "-" { k += 1 }
        // Trailing "." or "-" is sentence punctuation, not part of the domain.
        while k > j + 1, s[k - 1] == "." || s[k - 1] == "-" { k -= 1 }
        // The domain needs a dot and a top-level label of at least two letters.
        guard let dot = (j + 1..<k).last(where: { s[$0] == "." }), k - dot > 2,
              s[(dot + 1)..<k].allSatisfy(\.isLetterLike) else { return nil }
        return k
    }

    // MARK: Emoji

    /// The end of an emoji cluster starting at `i`: a pictograph with its variation selector,
    /// skin tone, keycap or tags, ZWJ sequences (👩‍💻) and flag pairs (🇫🇷).
    private func emojiEnd(at i: Int, limit: Int) -> Int? {
        let c = s[i]
        guard c.value >= 0xA9 else { return nil }
        var e = i + 1
        if c.isRegionalIndicator {
            if e < limit, s[e].isRegionalIndicator { e += 1 }
            return e
        }
        let properties = c.properties
        let isEmoji = properties.isEmojiPresentation
            || (properties.isEmoji
                && ((e < limit && s[e] == "\u{FE0F}")
                    || (c.value >= 0x2190 && properties.generalCategory == .otherSymbol)))
        guard isEmoji else { return nil }
        while e < limit {
            if s[e].extendsEmoji {
                e += 1
            } else if s[e] == "\u{200D}", e + 1 < limit, s[e + 1].properties.isEmoji {
                e += 2
            } else {
                break
            }
        }
        return e
    }

    /// A keycap emoji: `0`–`9`, `#` or `*`, an optional U+FE0F and U+20E3 (1️⃣).
    private func keycapEnd(at i: Int, limit: Int) -> Int? {
        let c = s[i]
        guard c.value < 0x80, c.isDigitLike || c == "#" || c == "*" else { return nil }
        var e = i + 1
        if e < limit, s[e] == "\u{FE0F}" { e += 1 }
        guard e < limit, s[e] == "\u{20E3}" else { return nil }
        return e + 1
    }

    // MARK: Punctuation and symbols

    private mutating func scanPunctuationOrSymbol(at i: Int, limit: Int) -> Int {
        let c = s[i]
        switch c {
        case ".":
            // "..." (or longer) is one ellipsis token.
            var e = i
            while e < limit, s[e] == "." { e += 1 }
            if e - i >= 3 {
                emit(i, e, .punctuation)
                return e
            }
        case "-":
            // "--" stands for a dash.
            var e = i
            while e < limit, s[e] == "-" { e += 1 }
            if e - i >= 2 {
                emit(i, e, .punctuation)
                return e
            }
        case "'", "\u{2019}":
            if i > chunkStart, s[i - 1].isAlphanumericLike, let length = cliticLength(apostropheAt: i, limit: limit) {
                emit(i, i + length, .word)
                return i + length
            }
        default:
            break
        }
        let e = marksEnd(after: i + 1, limit: limit)
        emit(i, e, TokenScanner.kind(of: c))
        return e
    }

    /// Symbols that Unicode files under punctuation (Po) but rules treat as symbols.
    private static let symbolPunctuation: Set<Unicode.Scalar> = [
        "%", "\u{2030}", "\u{2031}", "&", "#", "@", "*", "§", "†", "‡", "′", "″",
    ]

    static func kind(of c: Unicode.Scalar) -> Token.Kind {
        if symbolPunctuation.contains(c) { return .symbol }
        switch c.properties.generalCategory {
        case .currencySymbol, .mathSymbol, .modifierSymbol, .otherSymbol:
            return .symbol
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return .punctuation
        default:
            return .other
        }
    }

    // MARK: Helpers

    /// Skips combining marks (accents, variation selectors) attached to the previous scalar.
    private func marksEnd(after i: Int, limit: Int) -> Int {
        var e = i
        while e < limit, s[e].isMark { e += 1 }
        return e
    }

    private func string(_ start: Int, _ end: Int) -> String {
        String(scalars: s[start..<end])
    }

    private mutating func emit(_ start: Int, _ end: Int, _ kind: Token.Kind) {
        guard start < end else { return }
        tokens.append(Token(text: string(start, end), span: TextSpan(start, end), kind: kind, spaceBefore: pendingSpace))
        pendingSpace = false
    }
}
