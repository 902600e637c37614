import ClaimexHTML
import ClaimexModel

/// Finds the part of a page that holds the article: marks furniture, scores the elements
/// that hold paragraphs, and picks the best container together with the siblings that
/// continue it.
///
/// Scoring: every paragraph-like element with enough text gives points (one, plus one per
/// comma, plus one per hundred letters up to three) to its parent, half to its grandparent
/// and less to higher ancestors. Containers start with a bonus or malus from their tag and
/// from class/id hints, and their score is scaled down by the share of their text in links.
struct MainContentFinder {
    let tree: PageTree
    /// Checked every `checkInterval` nodes of each pass over the tree.
    let deadline: Deadline
    /// Per node: whether it is furniture or under furniture (the whole subtree is skipped).
    private var gone: [Bool]
    /// Per node: whether its class or id names the article body.
    private var contentHinted: [Bool]

    /// Paragraph-like elements shorter than this many letters give no points.
    static let minimumParagraphLetters = 25
    /// Nodes visited between two deadline checks.
    static let checkInterval = 4096

    /// Per node: paragraphs of prose below it (long, few links).
    private var proseParagraphs: [Int]
    /// Per node: whether it or an element below it names the article body outright.
    private var namedBody: [Bool]
    /// Per node: whether `namedBody` is worked out. It is, for a subtree, only when a
    /// furniture verdict needs it: most class names are never searched for body names.
    private var namedKnown: [Bool]
    /// What class and id pairs say, each distinct pair judged once: a page repeats a few
    /// hundred class names over thousands of elements.
    private var classVerdicts: [String: BoilerplateHints.Verdict] = [:]

    init(tree: PageTree, deadline: Deadline = .none) throws(PageAbandoned) {
        self.tree = tree
        self.deadline = deadline
        var prose = [Int](repeating: 0, count: tree.indices.count)
        for index in tree.indices.reversed() {
            let node = tree[index]
            if !node.isText && node.textLength >= 80 && tree.name(index) == "p" && tree.linkDensity(index) < 0.3 { prose[index] += 1 }
            if node.parent >= 0 { prose[node.parent] += prose[index] }
        }
        proseParagraphs = prose
        namedBody = Array(repeating: false, count: tree.indices.count)
        namedKnown = Array(repeating: false, count: tree.indices.count)
        gone = Array(repeating: false, count: tree.indices.count)
        contentHinted = Array(repeating: false, count: tree.indices.count)
        try markFurniture()
    }

    // MARK: - Furniture

    private mutating func markFurniture() throws(PageAbandoned) {
        let pageLetters = max(tree[0].textLength, 1)
        // Document order: a node's parent is settled before the node.
        for index in tree.indices {
            if index % Self.checkInterval == 0 { try deadline.check("setting aside the page's furniture, element \(index) of \(tree.indices.count)") }
            let node = tree[index]
            if node.parent >= 0 && gone[node.parent] {
                gone[index] = true
                continue
            }
            if node.isText { continue }
            let name = tree.name(index)
            if PageTree.ignoredTags.contains(name) {
                gone[index] = true
                continue
            }
            switch tree.tag(index) {
            case .html, .body, .main, .article: continue
            default: break
            }
            let share = Double(node.textLength) / Double(pageLetters)
            if BoilerplateHints.furnitureTags.contains(name) {
                // A form can wrap a whole page (ASP.NET); a footer or nav rarely holds most of it.
                if name != "form" || share < 0.4 { gone[index] = true }
                continue
            }
            if name == "header", share < 0.3, tree.hasDescendant(index, named: "nav") || !tree.hasDescendant(index, named: "h1") {
                gone[index] = true
                continue
            }
            let attribute = { [tree] in tree.attribute(index, $0) }
            switch BoilerplateHints.attributeVerdict(attribute: attribute) ?? classVerdict(attribute) {
            case .boilerplate:
                // Never drop on a class name alone a container holding most of the page's
                // text, the element that names the article body, or a "content-with-sidebar"
                // wrapper full of prose.
                let guarded = share >= 0.5 || holdsNamedBody(index)
                    || (proseParagraphs[index] >= 3 && BoilerplateHints.mixesBodyAndFurniture(attribute: attribute))
                if !guarded || tree.linkDensity(index) > 0.5 { gone[index] = true }
            case .content:
                contentHinted[index] = true
            case .neutral:
                break
            }
        }
    }

    /// Whether the node or an element below it names the article body outright
    /// (`itemprop=articleBody`, or a class or id such as `article-body`). Worked out for
    /// the node's whole subtree at once, children before parents, and kept.
    private mutating func holdsNamedBody(_ index: Int) -> Bool {
        if namedKnown[index] { return namedBody[index] }
        for current in (index..<tree[index].end).reversed() {
            if !namedKnown[current] {
                // Children below have already marked it when one of them names the body.
                if !namedBody[current] && namesBody(current) { namedBody[current] = true }
                namedKnown[current] = true
            }
            let parent = tree[current].parent
            if current != index && namedBody[current] { namedBody[parent] = true }
        }
        return namedBody[index]
    }

    /// Whether the element itself names the article body.
    private func namesBody(_ index: Int) -> Bool {
        guard !tree[index].isText else { return false }
        return tree.attribute(index, "itemprop")?.lowercased() == "articlebody"
            || tree.attribute(index, "class").map(BoilerplateHints.namesArticleBody) == true
            || tree.attribute(index, "id").map(BoilerplateHints.namesArticleBody) == true
    }

    private mutating func classVerdict(_ attribute: (String) -> String?) -> BoilerplateHints.Verdict {
        guard let hint = BoilerplateHints.hint(attribute: attribute) else { return .neutral }
        if let verdict = classVerdicts[hint] { return verdict }
        let verdict = BoilerplateHints.classVerdict(hint: hint.lowercased())
        classVerdicts[hint] = verdict
        return verdict
    }

    /// Whether the node is furniture or under furniture.
    func isRemoved(_ index: Int) -> Bool { gone[index] }

    // MARK: - Scoring

    /// The containers that hold the article, in document order; empty when the page has
    /// no paragraph-like text at all.
    func contentRoots() throws(PageAbandoned) -> [Int] {
        // Per node: its score, once some paragraph gave it points.
        var scores = [Double?](repeating: nil, count: tree.indices.count)
        for index in tree.indices {
            if index % Self.checkInterval == 0 { try deadline.check("scoring the page's paragraphs, element \(index) of \(tree.indices.count)") }
            guard isParagraphLike(index) && !isRemoved(index) else { continue }
            let node = tree[index]
            guard node.textLength - node.linkLength >= Self.minimumParagraphLetters else { continue }
            let points = 1.0 + Double(node.commas) + min(Double(node.textLength) / 100.0, 3.0)
            // A container holding its own text (an old page's <br><br> paragraphs) is both
            // the paragraph and its first candidate.
            let ownText: Bool
            switch tree.tag(index) {
            case .p, .pre, .td, .blockquote, .li, .dd: ownText = false
            default: ownText = true
            }
            // The node itself (when it holds its own text) and its ancestors, five at most.
            var level = 0
            var ancestor = ownText ? index : node.parent
            while ancestor >= 0 && level < 5 {
                let share: Double = level == 0 ? 1 : (level == 1 ? 0.5 : 1.0 / Double(level * 3))
                scores[ancestor] = (scores[ancestor] ?? initialScore(ancestor)) + points * share
                level += 1
                ancestor = tree.nodes[ancestor].parent
            }
        }
        var best: (index: Int, score: Double)?
        for (index, score) in scores.enumerated() where !isRemoved(index) {
            guard let score else { continue }
            let scaled = score * (1 - tree.linkDensity(index))
            if best == nil || scaled > best!.score || (scaled == best!.score && index < best!.index) {
                best = (index, scaled)
            }
        }
        guard var top = best else { return [] }

        // A container whose parent holds much more text (the article split over several
        // divs) is widened to the parent when the parent's text is mostly prose.
        while true {
            let parent = tree[top.index].parent
            guard parent >= 0, !isRemoved(parent), tree.name(parent) != "html" else { break }
            let own = Double(tree[top.index].textLength)
            let parentLetters = Double(tree[parent].textLength)
            let parentScore = (scores[parent] ?? 0) * (1 - tree.linkDensity(parent))
            if parentScore >= top.score * 0.9 && tree.linkDensity(parent) < 0.3 && own < parentLetters * 0.75 {
                top = (parent, parentScore)
            } else {
                break
            }
        }

        // Siblings that continue the article: well-scored containers and prose paragraphs.
        let parent = tree[top.index].parent
        guard parent >= 0 else { return [top.index] }
        let threshold = max(10, top.score * 0.2)
        var roots: [Int] = []
        for sibling in tree.children(of: parent) where !tree[sibling].isText && !isRemoved(sibling) {
            if sibling == top.index {
                roots.append(sibling)
                continue
            }
            let node = tree[sibling]
            let siblingScore = (scores[sibling] ?? 0) * (1 - tree.linkDensity(sibling))
            let density = tree.linkDensity(sibling)
            let name = tree.name(sibling)
            var keep = siblingScore >= threshold
            if !keep && name == "p" {
                let text = tree.rawText(sibling).trimmingCharacters(in: .whitespacesAndNewlines)
                keep = (node.textLength > 80 && density < 0.25)
                    || (node.textLength > 0 && density == 0 && (text.hasSuffix(".") || text.hasSuffix("\"") || text.hasSuffix("”")))
            }
            if keep && contentHinted[top.index] && !contentHinted[sibling] && name != "p" {
                // The page named its article container; a neighbour without that name is not it.
                keep = siblingScore >= top.score * 0.5
            }
            if keep { roots.append(sibling) }
        }
        return roots
    }

    private func isParagraphLike(_ index: Int) -> Bool {
        guard !tree[index].isText else { return false }
        switch tree.tag(index) {
        case .p, .pre, .td, .blockquote, .li, .dd:
            return true
        case .div, .section, .article, .span, .font, .center, .main, .body, .form:
            // A container holding text directly (an old CMS's <br><br> paragraphs).
            var direct = 0
            for child in tree.children(of: index) {
                let childNode = tree[child]
                if childNode.isText || tree.tag(child) == .br || InlineTags.contains(tree.name(child)) {
                    direct += childNode.textLength - childNode.linkLength
                }
            }
            return direct >= Self.minimumParagraphLetters
        default:
            return false
        }
    }

    private func initialScore(_ index: Int) -> Double {
        var score: Double
        let tag = tree.tag(index)
        switch tag {
        case .div, .article, .section, .main: score = 5
        case .pre, .td, .blockquote: score = 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score = -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score = -5
        default: score = 0
        }
        if tag == .article || tree.attribute(index, "itemprop")?.lowercased() == "articlebody" { score += 10 }
        if contentHinted[index] { score += 25 }
        return score
    }
}

import Foundation
