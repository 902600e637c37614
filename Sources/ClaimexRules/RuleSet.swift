import ClaimexText
import Foundation
import Yams

/// A rule file's text and where it came from.
public struct RuleSource: Sendable, Hashable {
    /// The path shown in messages (`Rules/money/money-amounts.yml`).
    public let path: String
    /// The file's contents.
    public let contents: String

    /// Creates a source.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// Every rule and lexicon, compiled and checked.
public struct RuleSet: Sendable {
    /// The rules, grouped by stage in cascade order, in file order within a stage.
    public let rules: [Rule]
    /// The lexicons, by name.
    public let lexicons: [Lexicon]
    /// Each stage's overlap policy.
    public let policies: [Stage: OverlapPolicy]
    /// The tokenizer lexicon phrases and examples are read with.
    public let tokenizer: Tokenizer

    let lexiconIndex: [String: Int]
    /// The vocabulary and lexicon tries matching works with.
    let tables: MatchTables
    /// Each stage's rules, arranged for matching.
    let plans: [Stage: StagePlan]

    /// The rules of one stage.
    public func rules(in stage: Stage) -> [Rule] { rules.filter { $0.stage == stage } }

    /// The rule with this id or alias.
    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id || $0.aliases.contains(id) } }

    /// The lexicon with this name.
    public func lexicon(_ name: String) -> Lexicon? { lexiconIndex[name].map { lexicons[$0] } }

    /// Reads every `*.yml`, `*.yaml` and `*.tsv` file under `directory`.
    public static func load(directory: String) throws(RuleSetErrors) -> RuleSet {
        var sources: [RuleSource] = []
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleSetErrors([RuleFileError(file: directory, line: 0, column: 0, code: .unreadable,
                                               message: "no such rules folder", hint: "give --rules a folder of *.yml and *.tsv files")])
        }
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let enumerator = fileManager.enumerator(atPath: base)
        var relatives: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            let ext = (relative as NSString).pathExtension.lowercased()
            if ["yml", "yaml", "tsv"].contains(ext) && !(relative as NSString).lastPathComponent.hasPrefix(".") {
                relatives.append(relative)
            }
        }
        var errors: [RuleFileError] = []
        for relative in relatives.sorted() {
            let path = base + "/" + relative
            guard let data = fileManager.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                errors.append(RuleFileError(file: path, line: 0, column: 0, code: .unreadable, message: "cannot read the file as UTF-8"))
                continue
            }
            sources.append(RuleSource(path: path, contents: text))
        }
        if !errors.isEmpty { throw RuleSetErrors(errors) }
        return try compile(sources)
    }

    /// Compiles rule files given as text, reporting every problem in all of them.
    public static func compile(_ sources: [RuleSource], tokenizer: Tokenizer = Tokenizer()) throws(RuleSetErrors) -> RuleSet {
        var compiler = RuleCompiler(tokenizer: tokenizer)
        return try compiler.compile(sources)
    }
}
