import Foundation
import Testing

/// Removing any rule that makes records on the Corpus makes `claimex test --rules COPY` fail
/// and name that rule. Each rule is tried on the smallest Corpus page where, by the committed
/// baseline, it made a record (as `rule` or `role_rule`), against that page's baseline file.
///
/// Rules that make no record of their own (money blockers, modality cues, and rules that
/// never fire on the Corpus) are not covered here: their effect shows on other rules'
/// records, and `claimex rules coverage` lists them.
@Suite struct RuleRemovalTests {
    /// Each rule that makes records, with the smallest page (path under the package) where it does.
    static let firingRules: [String: String] = {
        let output = BaselineTests.packageRoot.appendingPathComponent("Output")
        let defined = Set(((try? RuleFiles.ruleIDs()) ?? []).map(\.id))
        var best: [String: (page: String, size: Int)] = [:]
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: output.path)) ?? []
        for relative in files.sorted() where relative.hasSuffix(".html.jsonl") {
            guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(relative).path) else { continue }
            let page = "Corpus/" + relative.dropLast(".jsonl".count)
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
                for key in ["rule", "role_rule"] {
                    guard let rule = record[key] as? String, defined.contains(rule) else { continue }
                    if best[rule].map({ data.count < $0.size }) ?? true { best[rule] = (page, data.count) }
                }
            }
        }
        return best.mapValues(\.page)
    }()

    @Test func theCorpusExercisesMostRules() throws {
        #expect(Self.firingRules.count >= 30, "\(Self.firingRules.keys.sorted())")
    }

    @Test(arguments: firingRules.keys.sorted())
    func removingARuleFailsAndNamesIt(rule: String) throws {
        let page = try #require(Self.firingRules[rule])
        let folder = try PageFolder()
        // The page's baseline file, alone in a folder, as `claimex test PAGE` looks for it.
        let name = (page as NSString).lastPathComponent
        let committed = BaselineTests.packageRoot.appendingPathComponent("Output/" + page.dropFirst("Corpus/".count) + ".jsonl")
        try folder.write("base/\(name).jsonl", [UInt8](Data(contentsOf: committed)))
        let rules = try RuleFiles(copyingInto: folder.url)
        try rules.remove(rule)

        let result = try CLIRunner.run(["test", page, "--baseline", folder.path("base"), "--rules", rules.folder.path],
                                       in: BaselineTests.packageRoot)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let byRule = lines.drop { $0 != "by rule:" }.dropFirst().prefix { !$0.isEmpty }
        #expect(byRule.contains { $0.split(separator: " ").first.map(String.init) == rule },
                "\(rule) removed, but the report charges: \(byRule.joined(separator: "; "))")
    }
}
