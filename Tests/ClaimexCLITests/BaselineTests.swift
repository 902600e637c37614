import Foundation
import Testing

/// The committed `Output/` is the claims of `Corpus/` with the current code and rules:
/// a change that moves any record must come with an updated baseline
/// (`swift run claimex extract Corpus -o Output/`).
@Suite struct BaselineTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func corpusOutputMatchesCommittedBaseline() throws {
        let folder = try PageFolder()
        let result = try CLIRunner.run(["extract", "Corpus", "-o", folder.path("out") + "/", "--quiet"], in: Self.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let produced = try Self.files(under: folder.url.appendingPathComponent("out"))
        let committed = try Self.files(under: Self.packageRoot.appendingPathComponent("Output"))
        #expect(produced.keys.sorted() == committed.keys.sorted(), "pages added or removed: update Output/")
        let changed = produced.keys.sorted().filter { committed[$0] != produced[$0] }
        #expect(changed.isEmpty, "differs from a fresh extraction: \(changed.map { "Output/" + $0 }.joined(separator: ", ")); review the change (`git diff Output/` after `swift run claimex extract Corpus -o Output/`)")
    }

    @Test func corpusHasEnoughPagesAndEveryPageHasGold() throws {
        let corpus = Self.packageRoot.appendingPathComponent("Corpus")
        let pages = try Self.files(under: corpus).keys.filter { $0.hasSuffix(".html") }
        #expect(pages.count >= 12)
        for page in pages {
            let gold = corpus.appendingPathComponent(String(page.dropLast(".html".count)) + ".gold.json")
            #expect(FileManager.default.fileExists(atPath: gold.path), "\(page) has no gold file")
        }
    }

    /// Relative path → contents of every regular file under `root`.
    static func files(under root: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return result }
        while let relative = enumerator.nextObject() as? String {
            let url = root.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  !relative.hasPrefix(".") else { continue }
            result[relative] = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
        return result
    }
}
