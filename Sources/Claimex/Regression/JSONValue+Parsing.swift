import ClaimexOutput
import Foundation

/// Why a line of JSON could not be read.
public struct JSONSyntaxError: Error, CustomStringConvertible, Sendable {
    /// The code-point offset in the text where reading stopped.
    public let offset: Int
    /// What was wrong there.
    public let reason: String

    public var description: String { "invalid JSON at character \(offset + 1): \(reason)" }
}

extension JSONValue {
    /// Reads one JSON value, keeping object members in their written order and numbers exact
    /// (integers as `.int`, others as `.decimal`), so a record read back compares equal to
    /// the record claimex wrote, field by field.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var reader = JSONReader(Array(text.unicodeScalars))
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.atEnd else { throw reader.error("unexpected text after the value") }
        return value
    }

    /// The value of an object's member, or nil (also for values that are not objects).
    public subscript(member key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The object's members, or none.
    public var members: [(String, JSONValue)] {
        if case .object(let members) = self { return members }
        return []
    }

    /// The string, or nil.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A `[start, end]` pair, or nil.
    public var spanValue: (start: Int, end: Int)? {
        guard case .array(let items) = self, items.count == 2, case .int(let start) = items[0], case .int(let end) = items[1] else { return nil }
        return (start, end)
    }
}

/// A recursive-descent reader over the code points of one JSON text.
private struct JSONReader {
    let scalars: [Unicode.Scalar]
    var position = 0
    /// Nesting deeper than this is refused rather than allowed to exhaust the stack.
    static let maxDepth = 512

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var atEnd: Bool { position >= scalars.count }

    func error(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(offset: position, reason: reason) }

    mutating func skipSpace() {
        while position < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[position]) { position += 1 }
    }

    mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nested too deeply") }
        guard !atEnd else { throw error("the text ends where a value should be") }
        switch scalars[position] {
        case "{": return try object(depth: depth)
        case "[": return try array(depth: depth)
        case "\"": return .string(try string())
        case "t": try literal("true"); return .bool(true)
        case "f": try literal("false"); return .bool(false)
        case "n": try literal("null"); return .null
        default: return try number()
        }
    }

    mutating func literal(_ word: String) throws(JSONSyntaxError) {
        for scalar in word.unicodeScalars {
            guard !atEnd, scalars[position] == scalar else { throw error("expected '\(word)'") }
            position += 1
        }
    }

    mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var members: [(String, JSONValue)] = []
        skipSpace()
        if !atEnd, scalars[position] == "}" { position += 1; return .object(members) }
        while true {
            skipSpace()
            guard !atEnd, scalars[position] == "\"" else { throw error("expected a member name in quotes") }
            let key = try string()
            skipSpace()
            guard !atEnd, scalars[position] == ":" else { throw error("expected ':' after member name") }
            position += 1
            skipSpace()
            members.append((key, try value(depth: depth + 1)))
            skipSpace()
            guard !atEnd else { throw error("the text ends inside an object") }
            if scalars[position] == "," { position += 1; continue }
            if scalars[position] == "}" { position += 1; return .object(members) }
            throw error("expected ',' or '}' in an object")
        }
    }

    mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipSpace()
        if !atEnd, scalars[position] == "]" { position += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard !atEnd else { throw error("the text ends inside an array") }
            if scalars[position] == "," { position += 1; continue }
            if scalars[position] == "]" { position += 1; return .array(items) }
            throw error("expected ',' or ']' in an array")
        }
    }

    mutating func string() throws(JSONSyntaxError) -> String {
        position += 1
        var out = String.UnicodeScalarView()
        while true {
            guard !atEnd else { throw error("the text ends inside a string") }
            let scalar = scalars[position]
            position += 1
            if scalar == "\"" { return String(out) }
            if scalar.value < 0x20 { throw error("a control character inside a string") }
            guard scalar == "\\" else { out.append(scalar); continue }
            guard !atEnd else { throw error("the text ends inside an escape") }
            let escape = scalars[position]
            position += 1
            switch escape {
            case "\"": out.append("\"")
            case "\\": out.append("\\")
            case "/": out.append("/")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "u":
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), position + 1 < scalars.count, scalars[position] == "\\", scalars[position + 1] == "u" {
                    position += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("a high surrogate without its low half") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let decoded = Unicode.Scalar(code) else { throw error("a lone surrogate \\u escape") }
                out.append(decoded)
            default:
                throw error("unknown escape '\\\(escape)'")
            }
        }
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= scalars.count else { throw error("a \\u escape needs four hex digits") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = UInt32(String(scalars[position]), radix: 16) else { throw error("a \\u escape needs four hex digits") }
            code = code << 4 | digit
            position += 1
        }
        return code
    }

    mutating func number() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        var isInteger = true
        if !atEnd, scalars[position] == "-" { position += 1 }
        while !atEnd {
            let scalar = scalars[position]
            if ("0"..."9").contains(scalar) { position += 1; continue }
            if [".", "e", "E", "+", "-"].contains(scalar) { isInteger = false; position += 1; continue }
            break
        }
        let literal = String(String.UnicodeScalarView(scalars[start..<position]))
        guard !literal.isEmpty, literal != "-" else { throw error("expected a value") }
        if isInteger, let integer = Int(literal) { return .int(integer) }
        guard let decimal = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")), literal.last.map({ ("0"..."9").contains($0) }) == true else {
            throw error("'\(literal)' is not a number")
        }
        return .decimal(decimal)
    }
}
