/// Written Cantonese function words and verbs rewritten to their Standard Chinese counterparts, so
/// that the Mandarin phrases of the zh lexicon match Cantonese tickets (about one zh ticket in nine).
///
/// Hong Kong customers write Cantonese: 用唔到 for 用不了, 冇反應 for 没反应, 扣咗 for 扣了,
/// 點解 for 为什么. The zh lexicon is written in Standard Chinese, and adding the Cantonese of each
/// phrase one by one (俾人改咗, 唔再續, 乜都做唔到) did not carry to unseen tickets. The folding is
/// a stage of ``ReducedText``: it rewrites text that holds a Cantonese-only character (``markers``:
/// no Standard Chinese or Japanese text has 唔, 咗 or 嘅), and lexicon patterns that do, so the
/// Cantonese entries fold alike and keep matching.
///
/// The table is written as customers write (traditional characters) and folded with
/// ``ScalarFolding`` when built, so that it agrees with ``HanFolding``: 係 is looked up as the 系 the
/// folded text holds. Longer entries win (longest match from the left), which is how the few
/// characters with a second reading are kept: 係 is the copula 是, but not in 關係, 聯係, 係統 (kept
/// as written by entries that map to themselves); 唔該 ("please", "thanks") is not 不该 ("should
/// not"); 呢 and 邊 are Standard Chinese too and are rewritten only in 呢個, 呢度, 呢邊, 邊度, 邊個.
enum CantoneseFolding {
    /// Characters only Cantonese is written with: the stage runs on text holding one of them.
    static let markers: Set<Unicode.Scalar> = Set("唔冇咗嘅啲佢嘢喺嚟攞睇乜嗰哋咩畀俾搵撳㩒咁噉啱喎㗎嘞諗閂".unicodeScalars.map(ScalarFolding.fold))

    /// (Cantonese, Standard Chinese) pairs, as written.
    static let pairs: [(String, String)] = [
        // negation: 唔 不, 冇 没, with the fixed phrases whose Mandarin is not word for word
        ("唔", "不"), ("唔該", "唔該"), ("唔使", "不用"), ("唔好", "不要"), ("唔得", "不行"), ("唔識", "不会"),
        ("唔知", "不知道"), ("唔啱", "不对"), ("用唔到", "用不了"), ("開唔到", "打不开"), ("入唔到", "进不去"),
        ("做唔到", "做不了"), ("冇", "没"), ("冇晒", "没了"), ("冇得", "没法"), ("有冇", "有没有"),
        // aspect and particles: 咗 了, 緊 在 (用緊 用着) is left: 緊 is Standard Chinese too
        ("咗", "了"), ("喇", "了"), ("嘞", "了"),
        // the copula 係 (folded 系), but not the 系 of 關係, 聯係, 係統, 系列, 體系
        ("係", "是"), ("係咪", "是不是"), ("係咁", "是这样"), ("定係", "还是"), ("淨係", "只是"), ("關係", "關係"), ("聯係", "聯係"),
        ("係統", "係統"), ("系列", "系列"), ("體系", "體系"),
        // possessive, plural and pronouns
        ("嘅", "的"), ("啲", "些"), ("快啲", "快点"), ("有啲", "有点"), ("好啲", "好点"), ("多啲", "多点"),
        ("慢啲", "慢点"), ("早啲", "早点"), ("佢", "他"), ("佢哋", "他们"), ("我哋", "我们"), ("你哋", "你们"),
        ("哋", "们"),
        // giving, and the passive 俾人 ("by someone")
        ("俾", "给"), ("畀", "给"), ("俾人", "被人"), ("畀人", "被人"),
        // things and questions
        ("嘢", "东西"), ("做嘢", "做事"), ("乜嘢", "什么"), ("乜", "什么"), ("咩", "什么"),
        ("點解", "为什么"), ("點樣", "怎样"), ("點算", "怎么办"), ("點先", "怎样才"),
        ("幾多", "多少"), ("幾耐", "多久"),
        // here, there, where: 呢 and 邊 alone are Standard Chinese ("呢" the particle, "旁邊")
        ("呢個", "这个"), ("呢度", "这里"), ("呢邊", "这边"), ("呢次", "这次"), ("呢啲", "这些"),
        ("嗰", "那"), ("嗰個", "那个"), ("嗰度", "那里"), ("嗰啲", "那些"), ("嗰邊", "那边"),
        ("邊度", "哪里"), ("邊個", "哪个"), ("喺", "在"), ("喺度", "在"),
        ("咁", "这样"), ("噉", "这样"), ("噉樣", "这样"),
        // verbs
        ("嚟", "来"), ("攞", "拿"), ("睇", "看"), ("搵", "找"), ("撳", "点"), ("㩒", "点"), ("啱", "对"),
        ("搞掂", "搞定"), ("退返", "退回"), ("諗", "想"), ("閂", "关"), ("幫手", "帮忙"), ("佢話", "他说"),
        // 郁 is "move" (唔郁, 郁唔到), but also the folded 鬱 of 鬱悶: only the Cantonese phrases
        ("唔郁", "不动"), ("冇郁", "没动"), ("郁唔到", "动不了"),
        // time and adverbs
        ("而家", "现在"), ("依家", "现在"), ("琴日", "昨天"), ("尋日", "昨天"), ("聽日", "明天"),
        ("琴晚", "昨晚"), ("尋晚", "昨晚"), ("今朝", "今天早上"), ("仲有", "还有"), ("仲係", "还是"),
        ("仲未", "还没"), ("仲要", "还要"), ("同埋", "和"),
    ]

    /// The folded table by first scalar, each list longest entry first.
    private static let table: [Unicode.Scalar: [(key: [Unicode.Scalar], output: [Unicode.Scalar])]] = {
        var table = [Unicode.Scalar: [(key: [Unicode.Scalar], output: [Unicode.Scalar])]]()
        for (key, output) in pairs {
            let folded = key.unicodeScalars.map(ScalarFolding.fold)
            table[folded[0], default: []].append((folded, output.unicodeScalars.map(ScalarFolding.fold)))
        }
        return table.mapValues { $0.sorted { $0.key.count > $1.key.count } }
    }()

    /// Every scalar the table writes: patterns holding one may match folded text.
    private static let written: Set<Unicode.Scalar> = Set(pairs.flatMap { $0.1.unicodeScalars.map(ScalarFolding.fold) })

    static func writes(_ scalar: Unicode.Scalar) -> Bool { written.contains(scalar) }

    static func applies(to scalars: [Unicode.Scalar]) -> Bool { scalars.contains(where: markers.contains) }

    /// `view` (holding a marker) with its Cantonese rewritten, or nil when nothing changed.
    static func reduce(_ view: ReducedText) -> ReducedText? {
        view.rewritten { scalars, i in
            guard let entries = table[scalars[i]] else { return nil }
            for entry in entries where scalars[i...].starts(with: entry.key) {
                return (entry.key.count, entry.output)
            }
            return nil
        }
    }
}
