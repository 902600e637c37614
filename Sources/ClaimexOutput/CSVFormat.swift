import Foundation

/// CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field
/// quoted when it holds a comma, a quote, a CR or a LF, and quotes inside doubled.
///
/// A null cell is an empty field; an empty string is `""`, so the two stay apart. Numbers are
/// written as in the JSON output, booleans as `true` / `false`, nested arrays as JSON text.
public enum CSVFormat {
    /// The header line of a kind's CSV file: its column names.
    public static func header(for kind: RecordKind) -> String {
        line(kind.columns.map { field($0.name, forceQuotes: false) })
    }

    /// The CSV line of one record of `kind`.
    public static func line(for record: JSONValue, of kind: RecordKind) -> String {
        line(kind.cells(of: record).map(field))
    }

    static func line(_ fields: [String]) -> String {
        fields.joined(separator: ",") + "\r\n"
    }

    /// One cell as a CSV field.
    public static func field(_ cell: Cell) -> String {
        switch cell {
        case .null: ""
        case .text(let text): field(text, forceQuotes: text.isEmpty)
        case .integer(let number): String(number)
        case .number(let text): text
        case .boolean(let flag): flag ? "true" : "false"
        case .json(let text): field(text, forceQuotes: false)
        }
    }

    static func field(_ text: String, forceQuotes: Bool) -> String {
        let needsQuotes = forceQuotes || text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

