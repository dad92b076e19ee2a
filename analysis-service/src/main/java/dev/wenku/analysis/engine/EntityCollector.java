package dev.wenku.analysis.engine;

import com.hankcs.hanlp.corpus.tag.Nature;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * People, places and organisations from the tags of the document's single segmentation: HanLP's person-name
 * recognition ({@code nr}, {@code nrf}, {@code nrj}) and the place and organisation tags of HanLP's dictionaries and
 * of the user dictionary ({@code ns…}, {@code nt…}).
 *
 * <p>Junk filters, from what the seed corpus produced: a name is at least two characters, all Han (letters allowed for
 * organisations). Words of the user dictionary count with the tags given there. A word the core dictionary tags as
 * that kind counts. Other places and organisations (tagged by HanLP's large custom dictionary only) count from three
 * characters on: that dictionary tags common two-character words as names (现代 as a company), while its longer
 * names are real (中国科学院). A person name the core dictionary does not know, made up by the recogniser from unknown
 * characters (世所, 全而, 方向和, 敢闯 on the seed), counts only if it starts with a common surname and holds no
 * function character, or stands next to a title such as 教授 or 同志.
 */
final class EntityCollector {

    /** The hundred or so most common surnames (single characters). */
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
        + "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
        + "习温胡鲍左";
    private static final String FUNCTION_CHARACTERS = "的了和与及或为以将有能都在是也就而之其所把被对从向到着过应要会可该则即";
    private static final Set<String> TITLE_NATURES = Set.of("nnt", "nnd");

    private EntityCollector() {
    }

    static List<EntityCount> collect(Tokens tokens, Lexicon.Snapshot lexicon) {
        Map<String, EntityType> types = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size; i++) {
            EntityType type = type(tokens.natures[i]);
            if (type == null) {
                continue;
            }
            String word = tokens.words[i];
            if (!plausible(word, type) || !confirmed(tokens, i, type, lexicon)) {
                continue;
            }
            types.putIfAbsent(word, type);
            counts.merge(word, 1, Integer::sum);
        }
        List<EntityCount> entities = new ArrayList<>();
        counts.forEach((word, count) -> entities.add(new EntityCount(word, types.get(word), count)));
        entities.sort(Comparator.comparingInt(EntityCount::count).reversed());
        return entities;
    }

    static EntityType type(String nature) {
        if (WordClasses.PERSON_NATURES.contains(nature)) {
            return EntityType.PERSON;
        }
        if (WordClasses.PLACE_NATURES.contains(nature)) {
            return EntityType.PLACE;
        }
        if (WordClasses.ORGANIZATION_NATURES.contains(nature)) {
            return EntityType.ORGANIZATION;
        }
        return null;
    }

    private static boolean plausible(String word, EntityType type) {
        if (word.codePointCount(0, word.length()) < 2) {
            return false;
        }
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            boolean han = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
            boolean allowed = han || c == '·' || type == EntityType.ORGANIZATION && Character.isLetterOrDigit(c);
            if (!allowed) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean confirmed(Tokens tokens, int position, EntityType type, Lexicon.Snapshot lexicon) {
        String word = tokens.words[position];
        Lexicon.Entry entry = lexicon.byTerm().get(word);
        if (entry != null) {
            for (Nature nature : entry.natures()) {
                if (type(nature.toString()) == type) {
                    return true;
                }
            }
            return false;
        }
        CoreDictionary.Attribute core = CoreDictionary.get(word);
        if (core != null) {
            for (Nature nature : core.nature) {
                if (type(nature.toString()) == type) {
                    return true;
                }
            }
        }
        if (type != EntityType.PERSON) {
            return word.length() >= 3;   // a two-character common word tagged as a name by the custom dictionary: 现代
        }
        if (core != null) {
            return false;
        }
        if (nextToTitle(tokens, position)) {
            return true;
        }
        if (SURNAMES.indexOf(word.charAt(0)) < 0 || word.length() > 3) {
            return false;
        }
        for (int i = 1; i < word.length(); i++) {
            if (FUNCTION_CHARACTERS.indexOf(word.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean nextToTitle(Tokens tokens, int position) {
        return position + 1 < tokens.size && TITLE_NATURES.contains(tokens.natures[position + 1])
            || position > 0 && TITLE_NATURES.contains(tokens.natures[position - 1]);
    }
}
