import Foundation

/// What a table column holds.
public enum ColumnType: String, Sendable {
    /// Text.
    case text
    /// A whole number.
    case integer
    /// An exact decimal number, written as JSON writes it (`2500000000`, `2.5`).
    case number
    /// `true`/`false` (1/0 in SQLite).
    case boolean
    /// A nested value that does not flatten (an array), as compact JSON text.
    case json
}

/// One column of a record kind's table (CSV file or SQLite table).
public struct Column: Sendable, Hashable {
    /// The column's name: the field's name, nested fields joined with `_`
    /// (`investor_name`, `amount_span_start`).
    public let name: String
    /// What it holds.
    public let type: ColumnType
    /// The keys leading to the value in the record; a span's end is `[…, "span", "1"]`.
    let path: [String]
}

/// One cell of a table row.
public enum Cell: Sendable, Hashable {
    case null
    case text(String)
    case integer(Int)
    /// An exact decimal, as JSON writes it.
    case number(String)
    case boolean(Bool)
    /// Compact JSON text.
    case json(String)
}

extension RecordKind {
    /// The columns of a kind's table, made from its fields by one rule:
    /// - `kind` is left out (the table is the kind);
    /// - a `[start, end]` span becomes two integer columns, `NAME_start` and `NAME_end`;
    /// - an object with fixed fields (`investor`, `amount`, `evidence`) becomes its fields,
    ///   named `NAME_FIELD`, all null when the object is null;
    /// - any other array (`mentions`, `blocks`, `co_investors`, `range`) is one column of JSON text;
    /// - an optional field absent from a record is null.
    static func columns(of fields: [Field]) -> [Column] {
        fields.filter { $0.name != "kind" }.flatMap { Self.columns(for: $0.type, name: $0.name, path: [$0.name]) }
    }

    private static func columns(for type: FieldType, name: String, path: [String]) -> [Column] {
        switch type {
        case .nullable(let inner):
            return columns(for: inner, name: name, path: path)
        case .span:
            return [Column(name: name + "_start", type: .integer, path: path + ["0"]),
                    Column(name: name + "_end", type: .integer, path: path + ["1"])]
        case .object(_, let fields):
            return fields.flatMap { columns(for: $0.type, name: name + "_" + $0.name, path: path + [$0.name]) }
        case .array:
            return [Column(name: name, type: .json, path: path)]
        case .string, .constantString, .hexID, .currencyCode, .choice:
            return [Column(name: name, type: .text, path: path)]
        case .integer, .constantInteger:
            return [Column(name: name, type: .integer, path: path)]
        case .number:
            return [Column(name: name, type: .number, path: path)]
        case .boolean:
            return [Column(name: name, type: .boolean, path: path)]
        }
    }

    /// The cells of `record` (a record of this kind from `RecordEncoder`), one per column.
    public func cells(of record: JSONValue) -> [Cell] {
        columns.map { Self.cell(in: record, at: $0.path[...], type: $0.type) }
    }

    private static func cell(in value: JSONValue, at path: ArraySlice<String>, type: ColumnType) -> Cell {
        guard let key = path.first else {
            switch (value, type) {
            case (.null, _): return .null
            case (_, .json): return .json(value.serialized())
            case (.string(let text), _): return .text(text)
            case (.int(let number), _): return .integer(number)
            case (.decimal, _): return .number(value.serialized())
            case (.bool(let flag), _): return .boolean(flag)
            default: return .json(value.serialized())
            }
        }
        switch value {
        case .object(let members):
            guard let member = members.first(where: { $0.0 == key }) else { return .null }
            return cell(in: member.1, at: path.dropFirst(), type: type)
        case .array(let elements):
            guard let index = Int(key), elements.indices.contains(index) else { return .null }
            return cell(in: elements[index], at: path.dropFirst(), type: type)
        default:
            return .null
        }
    }
}
