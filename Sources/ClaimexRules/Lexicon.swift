import ClaimexModel
import ClaimexText

/// A list of phrases with their columns, matched against tokens through a trie.
///
/// A lexicon file is TSV. Its first non-comment line names the columns; a `phrase`
/// column holds what is matched, or a `canonical` column with an optional `aliases` column
/// (`|`-separated), each of which is matched. Other columns (`value`, `type`, `key`, ...)
/// are read by normalizers. A line `#! match: cased` makes matching case-sensitive
/// (names such as `Meta` or `X`); the default compares lowercase tokens.
public struct Lexicon: Sendable {
    /// One row: the columns of the phrase.
    public struct Entry: Sendable, Hashable {
        /// The phrase as written in the file.
        public let phrase: String
        /// The lexicon's header and this row's cells, in the header's order ("" for an
        /// empty cell; a short row has fewer cells than the header has columns).
        let header: [String]
        let cells: [String]

        /// Every column of the row with a value, by header name.
        public var columns: [String: String] {
            var columns: [String: String] = [:]
            for (column, cell) in zip(header, cells) where !cell.isEmpty { columns[column] = cell }
            return columns
        }

        /// A column's value, or nil. Where the header names a column twice, the last cell
        /// with a value counts.
        public subscript(column: String) -> String? {
            var index = min(header.count, cells.count) - 1
            while index >= 0 {
                if header[index] == column && !cells[index].isEmpty { return cells[index] }
                index -= 1
            }
            return nil
        }

        public static func == (a: Entry, b: Entry) -> Bool { a.phrase == b.phrase && a.columns == b.columns }
        public func hash(into hasher: inout Hasher) { hasher.combine(phrase) }
    }

    /// A match of an entry in a token sequence.
    public struct Match: Sendable, Hashable {
        /// Index of the first token.
        public let start: Int
        /// One past the last token.
        public let end: Int
        /// The entry matched.
        public let entry: Int
    }

    /// The lexicon's name: its file name without extension, used as `@name` in patterns.
    public let name: String
    /// Whether matching compares exact token text.
    public let caseSensitive: Bool
    /// The rows.
    public let entries: [Entry]
    /// The header's column names.
    public let columns: [String]
    /// The most tokens any phrase has.
    public private(set) var maxLength = 0

    private var nodes: [[String: Int]] = [[:]]
    /// The entries ending at each node (indexed like `nodes`).
    private var terminals: [[Int]] = [[]]

    /// Builds a lexicon from parsed rows; phrases are tokenized with `tokenizer`.
    init(name: String, caseSensitive: Bool, columns: [String], entries: [Entry], tokenizer: Tokenizer) {
        self.name = name
        self.caseSensitive = caseSensitive
        self.columns = columns
        self.entries = entries
        // Most phrases are one word (given names, places): the root holds about one edge
        // an entry, made room for once rather than rehashed as it grows.
        nodes[0].reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            // Most phrases (given names, places, names of two or three words) are plain
            // words between spaces: the tokenizer would make each word one token, so it is
            // not run.
            let node: Int
            if Self.isPlainWord(entry.phrase) {
                maxLength = max(maxLength, 1)
                node = child(of: 0, by: caseSensitive ? entry.phrase : entry.phrase.lowercased())
            } else {
                let keys = Self.plainWords(of: entry.phrase).map { words in words.map { caseSensitive ? $0 : $0.lowercased() } }
                    ?? tokenizer.tokenize(entry.phrase).map { caseSensitive ? $0.text : $0.lower }
                guard !keys.isEmpty else { continue }
                maxLength = max(maxLength, keys.count)
                node = keys.reduce(0) { node, key in child(of: node, by: key) }
            }
            terminals[node].append(index)
        }
        var firstWords = Set<String>(minimumCapacity: nodes[0].count)
        for word in nodes[0].keys { firstWords.insert(caseSensitive ? word.lowercased() : word) }
        self.firstWords = firstWords
    }

    /// The node reached from `node` by `key`, added when there is none.
    private mutating func child(of node: Int, by key: String) -> Int {
        let new = nodes.count
        let next = nodes[node].value(for: key, addingIfAbsent: new)
        if next == new {
            nodes.append([:])
            terminals.append([])
        }
        return next
    }

    /// Whether `phrase` is one word of ASCII letters, which the tokenizer reads as one token.
    static func isPlainWord(_ phrase: String) -> Bool {
        guard !phrase.isEmpty else { return false }
        for byte in phrase.utf8 where !((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) { return false }
        return true
    }

    /// The words of `phrase` when it is ASCII letters and spaces only. The tokenizer reads
    /// each run between spaces apart, and a run of ASCII letters as one token, so these are
    /// its tokens (`RuleCompilerTests` checks words it might have split).
    static func plainWords(of phrase: String) -> [String]? {
        var spaces = 0
        for byte in phrase.utf8 {
            if byte == 0x20 { spaces += 1 } else if !((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) { return nil }
        }
        // One word, as most phrases (given names, places) are: the phrase itself.
        if spaces == 0 { return phrase.isEmpty ? nil : [phrase] }
        let words = phrase.utf8.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
        return words.isEmpty ? nil : words
    }

    /// Every entry that matches tokens starting at `start` (and ending before `limit`).
    public func matches(in tokens: [Token], at start: Int, limit: Int) -> [Match] {
        var result: [Match] = []
        var node = 0
        var index = start
        while index < limit {
            let key = caseSensitive ? tokens[index].text : tokens[index].lower
            guard let next = nodes[node][key] else { break }
            node = next
            index += 1
            // A multi-token phrase must be written as one unit: "Mistral AI" matches
            // "Mistral AI", and "Paris-based" needs its hyphen glued as written.
            for entry in terminals[node] { result.append(Match(start: start, end: index, entry: entry)) }
        }
        return result
    }

    /// Every edge of the trie: from a node, by a word (token text, or lowercase text), to a node.
    var trieEdges: [(node: Int, word: String, target: Int)] {
        nodes.enumerated().flatMap { node, children in children.map { (node, $0.key, $0.value) } }
    }

    /// The entries whose phrase ends at trie node `node` (the nodes `trieEdges` numbers), in row order.
    func entries(endingAt node: Int) -> [Int] {
        terminals[node]
    }

    /// For each trie node, whether a phrase ends there.
    var terminalNodes: [Bool] {
        terminals.map { !$0.isEmpty }
    }

    /// The first words of the phrases, lowercased: made once, as the rules that start with
    /// or require the lexicon each read them.
    private(set) var firstWords: Set<String> = []

    /// Whether `phrase` (tokenized) is an entry.
    public func contains(_ phrase: String, tokenizer: Tokenizer) -> Bool {
        let tokens = tokenizer.tokenize(phrase)
        return matches(in: tokens, at: 0, limit: tokens.count).contains { $0.end == tokens.count }
    }
}

extension Substring {
    /// The text without the scalars at either end that `drop` says to drop.
    func trimmingScalars(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }), let last = scalars.lastIndex(where: { !drop($0) }) else { return "" }
        return String(scalars[first...last])
    }
}

extension Lexicon {
    /// `text` without the spaces and tabs around it (what `.whitespaces` trims), without
    /// Foundation's bridging: lexicons have tens of thousands of cells.
    static func trimmed(_ text: Substring) -> String {
        text.trimmingScalars { $0 == " " || $0 == "\t" || ($0.value > 127 && $0.properties.generalCategory == .spaceSeparator) }
    }

    /// Parses a TSV lexicon file. Problems are appended to `errors` with their line.
    static func parse(name: String, file: String, source: String, tokenizer: Tokenizer,
                      errors: inout [RuleFileError]) -> Lexicon {
        var caseSensitive = false
        var columns: [String] = []
        var entries: [Entry] = []
        /// A phrase as matched and the canonical name or value it stands for: a row that
        /// repeats both adds nothing.
        struct Seen: Hashable {
            let key: String
            let target: String
        }
        var seen: Set<Seen> = []
        // Lines and cells are split on bytes: a tab or a newline is never part of a character
        // but CR LF, which is one character to Swift and ends a line here too. A lexicon
        // has tens of thousands of rows, so a row's cells are trimmed as bytes where they
        // are plain ASCII at their edges.
        var text = source
        text.withUTF8 { bytes in
            // About a row a line: room made once, not rehashed as the rows come.
            let lines = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            seen.reserveCapacity(lines)
            entries.reserveCapacity(lines)
            var lineStart = 0
            var lineNumber = 0
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                lineNumber += 1
                let end = lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D ? lineEnd - 1 : lineEnd
                let raw = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
                let line = { String(decoding: raw, as: UTF8.self) }
                if raw.count >= 2 && raw[0] == 0x23 && raw[1] == 0x21 { // #!
                    let directive = line().dropFirst(2).split(separator: ":", maxSplits: 1).map(Self.trimmed)
                    if directive.count == 2, directive[0] == "match", ["cased", "lower"].contains(directive[1]) {
                        caseSensitive = directive[1] == "cased"
                    } else {
                        errors.append(RuleFileError(file: file, line: lineNumber, column: 1, code: .badLexiconRow,
                                                    message: "unknown directive '\(line())'", hint: "the one directive is '#! match: cased' or '#! match: lower'",
                                                    sourceLine: line()))
                    }
                    continue
                }
                if raw.first == 0x23 || Self.trimmed(raw).isEmpty { continue } // #
                var cells: [String] = []
                cells.reserveCapacity(max(columns.count, 1))
                var cellStart = 0
                for index in 0...raw.count where index == raw.count || raw[index] == 0x09 {
                    cells.append(Self.trimmed(UnsafeBufferPointer(rebasing: raw[cellStart..<index])))
                    cellStart = index + 1
                }
                if columns.isEmpty {
                    columns = cells
                    if !columns.contains("phrase") && !columns.contains("canonical") {
                        errors.append(RuleFileError(file: file, line: lineNumber, column: 1, code: .badLexiconRow,
                                                    message: "the header names no 'phrase' or 'canonical' column",
                                                    hint: "the first line lists the columns, tab-separated, e.g. 'phrase<TAB>value'", sourceLine: line()))
                    }
                    continue
                }
                guard cells.count <= columns.count else {
                    errors.append(RuleFileError(file: file, line: lineNumber, column: 1, code: .badLexiconRow,
                                                message: "\(cells.count) cells but the header names \(columns.count) columns",
                                                hint: "separate cells with one tab; a phrase with a tab is not possible", sourceLine: line()))
                    continue
                }
                let row = Entry(phrase: "", header: columns, cells: cells)
                var phrases: [String] = []
                if let phrase = row["phrase"] { phrases.append(phrase) }
                if let canonical = row["canonical"] {
                    if row["phrase"] == nil { phrases.append(canonical) }
                    phrases += (row["aliases"] ?? "").split(separator: "|").map(Self.trimmed).filter { !$0.isEmpty }
                }
                if phrases.isEmpty {
                    errors.append(RuleFileError(file: file, line: lineNumber, column: 1, code: .badLexiconRow,
                                                message: "the row has no phrase", sourceLine: line()))
                }
                let target = row["canonical"] ?? row["value"] ?? ""
                for phrase in phrases {
                    let key = caseSensitive ? phrase : phrase.lowercased()
                    if !seen.insert(Seen(key: key, target: target)).inserted { continue }
                    entries.append(Entry(phrase: phrase, header: columns, cells: cells))
                }
            }
        }
        return Lexicon(name: name, caseSensitive: caseSensitive, columns: columns, entries: entries, tokenizer: tokenizer)
    }

    /// `bytes` (UTF-8) without the spaces and tabs around them, as `trimmed` does: plain
    /// ASCII edges are trimmed as bytes, anything else as text.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var low = 0, high = bytes.count
        while low < high && (bytes[low] == 0x20 || bytes[low] == 0x09) { low += 1 }
        while high > low && (bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09) { high -= 1 }
        if low < high && (bytes[low] >= 0x80 || bytes[high - 1] >= 0x80) {
            return trimmed(Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[low..<high]), as: UTF8.self)))
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[low..<high]), as: UTF8.self)
    }
}

import Foundation

extension Dictionary {
    /// The value of `key`, after adding `value` for it when it has none: one lookup, where
    /// reading and then adding would hash the key twice.
    mutating func value(for key: Key, addingIfAbsent value: Value) -> Value {
        func read(_ value: inout Value) -> Value { value }
        return read(&self[key, default: value])
    }
}
