/// What an element's `class`, `id`, `role` and other attributes say about it: whether it
/// looks like page furniture (navigation, ads, share bars, newsletters, comments) or like
/// the article itself.
struct BoilerplateHints {
    enum Verdict: Equatable {
        case boilerplate
        case content
        case neutral
    }

    /// Whether a class or id value, as written, names the article body outright
    /// (`article-body`, `Entry-Content`); `itemprop=articleBody` is checked apart.
    static func namesArticleBody(_ value: String) -> Bool {
        var value = value
        // An ASCII value, as nearly every class name is, is searched in place: each fragment
        // is compared only where one of its stems occurs, in any case.
        let ascii = value.withUTF8 { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return containsFragment(bytes)
        }
        if let ascii { return ascii }
        let lowered = value.lowercased()
        return positiveFragments.contains { lowered.containsBytes($0) }
    }

    /// A word of each of `positiveFragments` (checked by the tests).
    static let positiveFragmentStems = ["body", "content", "text"]

    /// The fragments' bytes, lowercase, one after another; and for each stem, the fragments
    /// found by it: where each starts in `fragmentBytes`, its length and where the stem sits in it.
    private static let stemLengths = positiveFragmentStems.map(\.utf8.count)
    private static let fragmentBytes: [UInt8] = positiveFragments.flatMap(\.utf8)
    private static let fragmentsByStem: [[(start: Int, count: Int, stemOffset: Int)]] = {
        var byStem = [[(start: Int, count: Int, stemOffset: Int)]](repeating: [], count: positiveFragmentStems.count)
        var start = 0
        for fragment in positiveFragments {
            let bytes = Array(fragment.utf8)
            let anchor = positiveFragmentStems.enumerated().lazy.compactMap { stem, word -> (Int, Int)? in
                let stemBytes = Array(word.utf8)
                guard stemBytes.count <= bytes.count else { return nil }
                let offset = (0...(bytes.count - stemBytes.count)).first { Array(bytes[$0..<($0 + stemBytes.count)]) == stemBytes }
                return offset.map { (stem, $0) }
            }.first
            guard let (stem, offset) = anchor else {
                preconditionFailure("the article-body fragment \(fragment) holds none of the stems \(positiveFragmentStems)")
            }
            byStem[stem].append((start, bytes.count, offset))
            start += bytes.count
        }
        return byStem
    }()

    /// Whether ASCII `bytes` hold one of `positiveFragments`, in any case: one pass for the
    /// stems, and a fragment compared only around a stem it holds.
    private static func containsFragment(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let pool = fragmentBytes, byStem = fragmentsByStem, stemLengths = stemLengths
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        return pool.withUnsafeBufferPointer { pool in
            /// Whether `pool[from..<from + count]` is written at `start` of `bytes`, in any case.
            func holds(_ from: Int, _ count: Int, at start: Int) -> Bool {
                guard start >= 0, count <= bytes.count - start else { return false }
                for offset in 0..<count where lower(bytes[start + offset]) != pool[from + offset] { return false }
                return true
            }
            for start in bytes.indices {
                let stem: Int
                switch lower(bytes[start]) {
                case 0x62: stem = 0 // body
                case 0x63: stem = 1 // content
                case 0x74: stem = 2 // text
                default: continue
                }
                for fragment in byStem[stem] {
                    // The stem is the fragment's own bytes at `stemOffset`: checked first, it
                    // settles most places at once.
                    if holds(fragment.start + fragment.stemOffset, stemLengths[stem], at: start),
                       holds(fragment.start, fragment.count, at: start - fragment.stemOffset) {
                        return true
                    }
                }
            }
            return false
        }
    }

    /// The element's class and id, a space between them, as written; nil when it has neither.
    static func hint(attribute: (String) -> String?) -> String? {
        let classes = attribute("class"), id = attribute("id")
        return classes == nil && id == nil ? nil : (classes ?? "") + " " + (id ?? "")
    }

    /// Whether some class name mixes a body word with a furniture word (`content-with-sidebar`).
    static func mixesBodyAndFurniture(attribute: (String) -> String?) -> Bool {
        let names = ((attribute("class") ?? "") + " " + (attribute("id") ?? "")).lowercased().split(separator: " ")
        return names.contains { name in
            let words = Self.words(of: String(name))
            return words.contains { positiveWords.contains($0) }
                && (words.contains { negativeWords.contains($0) } || negativeFragments.contains { name.containsBytes($0) })
        }
    }

    /// Words that mark furniture when they appear as a whole word of a class or id.
    private static let negativeWords: Set<String> = [
        "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit", "dfp",
        "nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "footer", "sidebar",
        "aside", "widget", "widgets", "share", "sharing", "sharebar", "social", "newsletter", "subscribe",
        "subscription", "signup", "cookie", "cookies", "consent", "gdpr", "banner", "sponsor", "sponsored",
        "promo", "promotion", "related", "recommended", "recommendations", "popular", "trending", "mostread",
        "most", "comment", "comments", "disqus", "respond", "reply", "popup", "modal", "overlay", "paywall",
        "login", "signin", "masthead", "toolbar", "tags", "tag", "bio", "skip", "hidden", "sr", "print",
        "byline", "dateline", "meta", "author", "caption", "credit", "outbrain", "taboola", "teaser",
        "teasers", "rail", "readmore", "cta", "upgrade", "membership", "donate", "donation", "pagination", "pager", "shopping", "partner",
    ]

    /// Substrings that mark furniture anywhere in a class or id.
    private static let negativeFragments: [String] = [
        "advert", "sidebar", "newsletter", "subscribe", "cookie", "consent", "breadcrumb", "related",
        "recommend", "comment", "social", "sharing", "share-", "-share", "sharebar", "sponsor", "promo",
        "popular", "trending", "most-read", "mostread", "footer", "masthead", "navbar", "navigation",
        "signup", "sign-up", "paywall", "outbrain", "taboola",
    ]

    /// Words that mark the article body.
    private static let positiveWords: Set<String> = [
        "article", "articlebody", "content", "entry", "post", "story", "storybody", "body", "text", "main",
        "blog", "prose", "richtext", "copy", "news", "column", "page", "permalink",
    ]

    static let positiveFragments: [String] = [
        "article-body", "article__body", "articlebody", "story-body", "storybody", "entry-content",
        "post-content", "post-body", "article-content", "article-text", "story-content", "body-text",
        "rich-text", "main-content",
    ]

    private static let furnitureRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "menu", "menubar",
        "search", "toolbar",
    ]

    /// The verdict of the attributes other than class and id (role, hidden, style,
    /// itemprop), when they settle it.
    static func attributeVerdict(attribute: (String) -> String?) -> Verdict? {
        if let role = attribute("role")?.lowercased(), furnitureRoles.contains(role) { return .boilerplate }
        if attribute("hidden") != nil || attribute("aria-hidden")?.lowercased() == "true" { return .boilerplate }
        if let style = attribute("style")?.lowercased().replacingOccurrences(of: " ", with: ""),
           style.containsBytes("display:none") || style.containsBytes("visibility:hidden") {
            return .boilerplate
        }
        if attribute("itemprop")?.lowercased() == "articlebody" { return .content }
        return nil
    }

    /// The verdict of a lowercase `class id` hint.
    static func classVerdict(hint: String) -> Verdict {
        // Each class name (and the id) is judged alone: in "article-related" the furniture
        // word is the more specific one; across names, "article modal-enabled" is undecided.
        let names = hint.split(separator: " ")
        var positive = false, negative = false
        for name in names {
            let hint = String(name)
            let words = Self.words(of: hint)
            let strongPositive = positiveFragments.contains { hint.containsBytes($0) }
            let isNegative = negativeFragments.contains { hint.containsBytes($0) } || words.contains { negativeWords.contains($0) }
            if isNegative && !strongPositive {
                negative = true
            } else if strongPositive || words.contains(where: { positiveWords.contains($0) }) {
                positive = true
            }
        }
        switch (positive, negative) {
        case (true, false): return .content
        case (false, true): return .boilerplate
        default: return .neutral
        }
    }

    /// Splits a class/id string into lowercase words at spaces, dashes, underscores and
    /// camel-case humps that were lowercased already (so only separators count).
    static func words(of hint: String) -> [String] {
        if hint.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, as nearly every class name is: letters and digits are bytes.
            return hint.utf8.split { byte in
                !((byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39))
            }.map { String(decoding: $0, as: UTF8.self) }
        }
        return hint.split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// Tags that are furniture by their very name.
    static let furnitureTags: TagSet = ["nav", "aside", "footer", "menu", "form"]
}
