import ClaimexText
import Foundation

/// Parses the pattern language:
///
///     word  'Exact'  "two words"      literal tokens (bare: any case; quoted: exact case)
///     [lower=over|above & !space]     one token with conditions (& between them, ! negates)
///     @lexicon                        a phrase of a lexicon
///     ORG  MONEY                      a mention from an earlier stage
///     ( ... )  a | b                  grouping and alternation
///     x?  x*  x+  x{2}  x{1,3}        optional and repeated
///     (?<name> ...)                   a named capture
///     (?= ...) (?! ...) (?<= ...) (?<! ...)   context that must or must not follow or precede
///     %name                           a named sub-pattern from a rule file's `define:`
struct PatternParser {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private let tokenizer: Tokenizer
    private let definitions: [String: PatternNode]

    init(_ source: String, tokenizer: Tokenizer, definitions: [String: PatternNode] = [:]) {
        scalars = Array(source.unicodeScalars)
        self.tokenizer = tokenizer
        self.definitions = definitions
    }

    mutating func parse() throws(PatternSyntaxError) -> PatternNode {
        skipSpace()
        guard position < scalars.count else { throw PatternSyntaxError(0, "the pattern is empty", code: .matchesEmpty) }
        let node = try alternation()
        skipSpace()
        if position < scalars.count {
            throw PatternSyntaxError(position, scalars[position] == ")" ? "unbalanced ')'" : "unexpected '\(scalars[position])'")
        }
        return node
    }

    // MARK: - Grammar

    private mutating func alternation() throws(PatternSyntaxError) -> PatternNode {
        var branches = [try sequence()]
        while peek() == "|" {
            position += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() throws(PatternSyntaxError) -> PatternNode {
        var parts: [PatternNode] = []
        while true {
            skipSpace()
            guard let next = peek(), next != "|", next != ")" else { break }
            parts.append(try quantified())
        }
        if parts.isEmpty {
            throw PatternSyntaxError(position, "an empty alternative or group", code: .matchesEmpty,
                                     hint: "write the part optional with '?' instead of leaving a branch empty")
        }
        return parts.count == 1 ? parts[0] : .sequence(parts)
    }

    private mutating func quantified() throws(PatternSyntaxError) -> PatternNode {
        var node = try atom()
        while let next = peek(), ["?", "*", "+", "{"].contains(next) {
            if case .lookaround = node { throw PatternSyntaxError(position, "context cannot be repeated") }
            position += 1
            switch next {
            case "?": node = .repetition(node, min: 0, max: 1)
            case "*": node = .repetition(node, min: 0, max: nil)
            case "+": node = .repetition(node, min: 1, max: nil)
            default:
                let (low, high) = try bounds(start: position - 1)
                node = .repetition(node, min: low, max: high)
            }
        }
        return node
    }

    private mutating func bounds(start: Int) throws(PatternSyntaxError) -> (Int, Int?) {
        let close = scalars[position...].firstIndex(of: "}") ?? scalars.count
        guard close < scalars.count else { throw PatternSyntaxError(start, "'{' without '}'") }
        let body = String(String.UnicodeScalarView(scalars[position..<close])).replacingOccurrences(of: " ", with: "")
        position = close + 1
        let parts = body.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, let low = Int(parts[0]) else {
            throw PatternSyntaxError(start, "bad repetition '{\(body)}'", hint: "write {n}, {min,max} or {min,}")
        }
        let high: Int? = parts.count == 1 ? low : (parts[1].isEmpty ? nil : Int(parts[1]))
        if parts.count == 2, !parts[1].isEmpty, high == nil {
            throw PatternSyntaxError(start, "bad repetition '{\(body)}'", hint: "write {n}, {min,max} or {min,}")
        }
        if let high, high < low || high == 0 {
            throw PatternSyntaxError(start, "repetition {\(body)} allows nothing", code: .matchesNothing)
        }
        if let high, high > 64 {
            throw PatternSyntaxError(start, "repetition {\(body)} is too large (at most 64)", hint: "use '+' or '*' for an open-ended repetition")
        }
        return (low, high)
    }

    private mutating func atom() throws(PatternSyntaxError) -> PatternNode {
        guard let next = peek() else { throw PatternSyntaxError(position, "the pattern ends too early") }
        let start = position
        switch next {
        case "(":
            position += 1
            skipSpace()
            guard position < scalars.count else { throw PatternSyntaxError(start, "'(' without ')'") }
            if peek() == "?" {
                position += 1
                return try special(start: start)
            }
            let inner = try alternation()
            try expect(")", openedAt: start)
            return inner
        case "[":
            return .token(try tokenTest())
        case "@":
            position += 1
            let name = identifier()
            guard !name.isEmpty else { throw PatternSyntaxError(start, "'@' must be followed by a lexicon name") }
            return .lexicon(name)
        case "%":
            position += 1
            let name = identifier()
            guard !name.isEmpty else { throw PatternSyntaxError(start, "'%' must be followed by a definition's name") }
            guard let definition = definitions[name] else {
                let known = definitions.keys.sorted()
                throw PatternSyntaxError(start, "unknown definition '%\(name)'", code: .unknownDefinition,
                                         hint: RuleFileError.suggestion(for: name, among: known).map { "did you mean '%\($0)'?" }
                                            ?? (known.isEmpty ? "define it under 'define:' in a rule file" : "defined: \(known.map { "%" + $0 }.joined(separator: ", "))"))
            }
            return definition
        case "'", "\"":
            position += 1
            let close = scalars[position...].firstIndex(of: next) ?? scalars.count
            guard close < scalars.count else { throw PatternSyntaxError(start, "unterminated quote") }
            let literal = String(String.UnicodeScalarView(scalars[position..<close]))
            position = close + 1
            return try literalNode(literal, exactCase: true, at: start)
        case "?", "*", "+", "{":
            throw PatternSyntaxError(start, "'\(next)' must follow something to repeat")
        case "]", "}":
            throw PatternSyntaxError(start, "unbalanced '\(next)'")
        default:
            let word = bareWord()
            guard !word.isEmpty else { throw PatternSyntaxError(start, "unexpected '\(next)'") }
            if word.unicodeScalars.allSatisfy({ ($0.properties.isUppercase || $0 == "_") }), word.count >= 2 {
                return .mention(word)
            }
            return try literalNode(word, exactCase: false, at: start)
        }
    }

    private mutating func special(start: Int) throws(PatternSyntaxError) -> PatternNode {
        switch peek() {
        case "<":
            position += 1
            if peek() == "=" || peek() == "!" {
                let negated = peek() == "!"
                position += 1
                let inner = try alternation()
                try expect(")", openedAt: start)
                return .lookaround(inner, behind: true, negated: negated)
            }
            let name = identifier()
            guard !name.isEmpty, peek() == ">" else {
                throw PatternSyntaxError(start, "a capture is written (?<name> ...)")
            }
            position += 1
            let inner = try alternation()
            try expect(")", openedAt: start)
            return .capture(name, inner)
        case "=", "!":
            let negated = peek() == "!"
            position += 1
            let inner = try alternation()
            try expect(")", openedAt: start)
            return .lookaround(inner, behind: false, negated: negated)
        default:
            throw PatternSyntaxError(start, "unknown group '(?'", hint: "groups are (?<name> ...), (?= ...), (?! ...), (?<= ...) and (?<! ...)")
        }
    }

    /// A literal becomes one token test per token the tokenizer makes of it.
    private func literalNode(_ literal: String, exactCase: Bool, at start: Int) throws(PatternSyntaxError) -> PatternNode {
        let tokens = tokenizer.tokenize(literal)
        guard !tokens.isEmpty else { throw PatternSyntaxError(start, "an empty literal", code: .matchesEmpty) }
        let tests = tokens.map { token in
            PatternNode.token(TokenTest(conditions: [exactCase ? .text([token.text], negated: false) : .lower([token.lower], negated: false)],
                                        source: exactCase ? "'\(token.text)'" : token.lower))
        }
        return tests.count == 1 ? tests[0] : .sequence(tests)
    }

    // MARK: - Token tests

    private mutating func tokenTest() throws(PatternSyntaxError) -> TokenTest {
        let start = position
        position += 1
        guard let close = scalars[position...].firstIndex(of: "]") else { throw PatternSyntaxError(start, "'[' without ']'") }
        let body = String(String.UnicodeScalarView(scalars[position..<close]))
        let bodyStart = position
        position = close + 1
        var conditions: [TokenTest.Condition] = []
        var offset = bodyStart
        for part in body.split(separator: "&", omittingEmptySubsequences: false) {
            let text = part.trimmingCharacters(in: .whitespaces)
            let partOffset = offset + (part.prefix { $0 == " " }.count)
            offset += part.unicodeScalars.count + 1
            if text.isEmpty {
                if body.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                throw PatternSyntaxError(partOffset, "an empty condition between '&'")
            }
            conditions.append(try condition(text, at: partOffset))
        }
        return TokenTest(conditions: conditions, source: "[" + body + "]")
    }

    private func condition(_ text: String, at offset: Int) throws(PatternSyntaxError) -> TokenTest.Condition {
        for op in ["!=", "<=", ">=", "=", "<", ">"] {
            guard let range = text.range(of: op) else { continue }
            var attribute = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { throw PatternSyntaxError(offset, "'\(attribute)\(op)' needs a value") }
            // `!lex=NAME` reads as `lex!=NAME`.
            let bang = attribute.hasPrefix("!") && op == "="
            if bang { attribute = String(attribute.dropFirst()).trimmingCharacters(in: .whitespaces) }
            let negated = op == "!=" || bang
            let values = Set(value.split(separator: "|").map { String($0) })
            switch attribute {
            case "text": return .text(values, negated: negated)
            case "lower":
                if let upper = values.first(where: { $0 != $0.lowercased() }) {
                    throw PatternSyntaxError(offset, "lower=\(upper) can never match: lowercased text has no capitals", code: .matchesNothing,
                                             hint: "write lower=\(upper.lowercased()), or text=\(upper) for exact case")
                }
                return .lower(values, negated: negated)
            case "shape": return .shape(values, negated: negated)
            case "kind":
                if let bad = values.first(where: { !TokenAttributes.kinds.contains($0) }) {
                    let suggestion = RuleFileError.suggestion(for: bad, among: TokenAttributes.kinds)
                    throw PatternSyntaxError(offset, "unknown token kind '\(bad)'", code: .badValue,
                                             hint: suggestion.map { "did you mean '\($0)'?" } ?? "kinds: word, number, punctuation, symbol, other")
                }
                return .kind(values, negated: negated)
            case "lex":
                guard values.count == 1 else { throw PatternSyntaxError(offset, "lex= takes one lexicon name") }
                return .inLexicon(value.hasPrefix("@") ? String(value.dropFirst()) : value, negated: negated)
            case "in":
                return .inMention(values, negated: negated)
            case "value", "length":
                guard let number = Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")) else {
                    throw PatternSyntaxError(offset, "'\(attribute)' compares with a number, not '\(value)'", code: .badValue)
                }
                return .compare(attribute, TokenTest.ComparisonOperator(rawValue: op) ?? .equal, number)
            default:
                throw unknownAttribute(attribute, at: offset)
            }
        }
        let negated = text.hasPrefix("!")
        let name = negated ? String(text.dropFirst()).trimmingCharacters(in: .whitespaces) : text
        guard TokenAttributes.flags.contains(name) else { throw unknownAttribute(name, at: offset) }
        if name == "any" {
            if negated { throw PatternSyntaxError(offset, "[!any] can never match", code: .matchesNothing) }
            return .flag("any", true)
        }
        return .flag(name, !negated)
    }

    private func unknownAttribute(_ name: String, at offset: Int) -> PatternSyntaxError {
        let suggestion = RuleFileError.suggestion(for: name, among: TokenAttributes.all)
        return PatternSyntaxError(offset, "unknown token attribute '\(name)'", code: .unknownAttribute,
                                  hint: suggestion.map { "did you mean '\($0)'?" }
                                    ?? "attributes: text, lower, shape, kind, lex, in, value, length, cap, upper, num, space, word, punct, any")
    }

    // MARK: - Characters

    private func peek() -> Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func skipSpace() {
        while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
    }

    private mutating func expect(_ scalar: Unicode.Scalar, openedAt start: Int) throws(PatternSyntaxError) {
        skipSpace()
        guard peek() == scalar else { throw PatternSyntaxError(start, "'(' without ')'") }
        position += 1
    }

    private mutating func identifier() -> String {
        var name = String.UnicodeScalarView()
        while let next = peek(), next.properties.isAlphabetic || next.properties.numericType != nil || next == "_" || next == "-" {
            name.append(next)
            position += 1
        }
        return String(name)
    }

    /// A bare literal: up to whitespace or a character with meaning in the language.
    private mutating func bareWord() -> String {
        var word = String.UnicodeScalarView()
        while let next = peek(), !next.properties.isWhitespace, !"()[]{}|?*+@'\"".unicodeScalars.contains(next) {
            word.append(next)
            position += 1
        }
        return String(word)
    }
}
