import ClaimexModel

/// Groups one block's tokens into sentences.
///
/// A sentence ends after a terminal token plus any glued (`spaceBefore == false`)
/// terminal punctuation and closing quotes/brackets, when:
/// - the terminal is `.` `!` `?` `…` `...` and the next token follows whitespace and starts
///   with an uppercase letter or digit, or is an opening quote/bracket;
/// - the terminal is CJK (`。` `！` `？`): always;
/// - the terminal is an abbreviation (`Inc.`, `U.S.`) or a single initial (`A.`) and the
///   next token is a common sentence starter (`The`, `It`, …);
/// - or the block ends.
///
/// Continuing abbreviations (`Mr.`, `No.`, `vs.`) never end a sentence. Decimals, URLs and
/// e-mails never contain a standalone period token, so they cannot end one either.
///
/// An initial that ends a sentence is rewritten into a letter and a period token
/// (`Series A.` → `Series` `A` `.`), in place: which is why `split` takes the tokens `inout`.
struct SentenceSplitter {
    let continuingAbbreviations: Set<String>
    let sentenceStarters: Set<String>

    private enum Terminal {
        case punctuation, cjk, abbreviation, initial
    }

    /// Splits the block `tokens[first...]` in place, splitting initials that end a
    /// sentence into two tokens there. Returns the sentence ranges, indices of `tokens`.
    func split(_ tokens: inout [Token], from first: Int) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var sentenceStart = first
        var i = first
        while i < tokens.count {
            // Most tokens are words not ending in a period: told apart where they lie, as
            // handing one to `terminal` would copy it.
            guard tokens[i].kind == .punctuation || (tokens[i].kind == .word && tokens[i].text.utf8.last == UInt8(ascii: ".")),
                  let terminal = terminal(tokens[i]) else {
                i += 1
                continue
            }
            // The terminal cluster: `?!`, `."`, `.)` …
            var j = i + 1
            while j < tokens.count, !tokens[j].spaceBefore, isTerminalPunctuation(tokens[j]) || isCloser(tokens[j]) {
                j += 1
            }
            let atBlockEnd = j == tokens.count
            let isBoundary = atBlockEnd || endsSentence(terminal, before: tokens[j])
            if isBoundary, terminal == .initial {
                let parts = splitInitial(tokens[i])
                tokens.replaceSubrange(i...i, with: parts)
                j += parts.count - 1
            }
            if isBoundary, !atBlockEnd {
                sentences.append(sentenceStart..<j)
                sentenceStart = j
            }
            i = j
        }
        if sentenceStart < tokens.count {
            sentences.append(sentenceStart..<tokens.count)
        }
        return sentences
    }

    // MARK: - Classification

    private func terminal(_ token: Token) -> Terminal? {
        switch token.kind {
        case .punctuation:
            switch token.text {
            case ".", "!", "?", "\u{2026}": return .punctuation
            case "\u{3002}", "\u{FF01}", "\u{FF1F}", "\u{FF61}": return .cjk
            default: return token.text.hasPrefix("...") ? .punctuation : nil
            }
        case .word:
            guard token.text.utf8.last == UInt8(ascii: "."), token.span.length > 1,
                  !continuingAbbreviations.contains(token.text) else { return nil }
            let scalars = token.text.unicodeScalars
            if scalars.count == 2, let first = scalars.first, first.isUppercaseLetter { return .initial }
            return .abbreviation
        default:
            return nil
        }
    }

    private func isTerminalPunctuation(_ token: Token) -> Bool {
        token.kind == .punctuation && terminal(token) != nil
    }

    private static let closers: Set<String> = [
        "\"", "'", "\u{201D}", "\u{2019}", ")", "]", "}", "\u{00BB}", "\u{300D}", "\u{300F}", "\u{FF09}",
    ]

    private static let openers: Set<String> = [
        "\"", "'", "\u{201C}", "\u{2018}", "\u{201E}", "(", "[", "{", "\u{00AB}", "\u{00BF}", "\u{00A1}",
        "\u{300C}", "\u{300E}", "\u{FF08}",
    ]

    private func isCloser(_ token: Token) -> Bool {
        token.kind == .punctuation && SentenceSplitter.closers.contains(token.text)
    }

    private func endsSentence(_ terminal: Terminal, before next: Token) -> Bool {
        switch terminal {
        case .cjk:
            return true
        case .punctuation:
            guard next.spaceBefore else { return false }
            if SentenceSplitter.openers.contains(next.text) { return true }
            guard let first = next.text.unicodeScalars.first else { return false }
            return first.isUppercaseLetter || first.isDigitLike
        case .abbreviation, .initial:
            return next.spaceBefore && sentenceStarters.contains(next.text)
        }
    }

    // MARK: - Rewriting

    /// `A.` → `A` `.`, keeping the spans exact.
    private func splitInitial(_ token: Token) -> [Token] {
        let start = token.span.start
        let letter = String(token.text.unicodeScalars.prefix(1))
        return [
            Token(text: letter, span: TextSpan(start, start + 1), kind: .word, spaceBefore: token.spaceBefore),
            Token(text: ".", span: TextSpan(start + 1, token.span.end), kind: .punctuation, spaceBefore: false),
        ]
    }
}
