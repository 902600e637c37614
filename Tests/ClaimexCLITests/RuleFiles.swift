import Foundation

/// A copy of the project's `Rules/` in a temporary folder, where single rules can be removed.
struct RuleFiles {
    let folder: URL

    /// Copies `Rules/` into `parent/rules`.
    init(copyingInto parent: URL) throws {
        try self.init(copying: BaselineTests.packageRoot.appendingPathComponent("Rules"), to: parent.appendingPathComponent("rules"))
    }

    /// Copies the rule folder `source` to `folder`.
    init(copying source: URL, to folder: URL) throws {
        self.folder = folder
        try FileManager.default.copyItem(at: source, to: folder)
    }

    /// Every rule id of the rule files, with the file that holds it.
    static func ruleIDs() throws -> [(id: String, file: String)] {
        let root = BaselineTests.packageRoot.appendingPathComponent("Rules")
        var found: [(String, String)] = []
        for relative in try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted() where relative.hasSuffix(".yml") {
            let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if let id = entryID(line) { found.append((id, relative)) }
            }
        }
        return found
    }

    /// The id of a `- id: ID` line that starts a rule entry, or nil.
    static func entryID(_ line: Substring) -> String? {
        let trimmed = line.drop { $0 == " " }
        guard trimmed.hasPrefix("- id:") else { return nil }
        let id = trimmed.dropFirst("- id:".count).trimmingCharacters(in: .whitespaces)
        return id.isEmpty ? nil : id
    }

    /// Deletes the YAML entry of rule `id`: its `- id:` line and every line indented deeper
    /// than the dash (blank lines included) up to the next line that is not.
    func remove(_ id: String) throws {
        for relative in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where relative.hasSuffix(".yml") {
            let url = folder.appendingPathComponent(relative)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            guard let start = lines.firstIndex(where: { Self.entryID($0) == id }) else { continue }
            let indent = lines[start].prefix { $0 == " " }.count
            var end = start + 1
            while end < lines.count {
                let line = lines[end]
                let lineIndent = line.prefix { $0 == " " }.count
                if !line.trimmingCharacters(in: .whitespaces).isEmpty && lineIndent <= indent { break }
                end += 1
            }
            var kept = Array(lines[..<start])
            kept += lines[end...]
            try kept.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no rule '\(id)' in \(folder.path)"])
    }
}
