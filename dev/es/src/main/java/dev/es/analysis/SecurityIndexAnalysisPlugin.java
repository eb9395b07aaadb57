package dev.es.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The analysis components the security plugin's `.security` index names in its settings (the
 * `email` analyzer: tokenizer `uax_url_email`, filters `pattern_capture`, `lowercase`, `unique`),
 * under their Elasticsearch names, on top of Lucene's implementations from lucene-analysis-common
 * (on Maven Central, and already on the server's classpath).
 *
 * They belong to Elasticsearch's analysis-common module, which is not published on Maven
 * Central, so without this plugin the dev cluster cannot create `.security` and has no native
 * realm and no API keys. `lowercase` is not here: the server registers it itself. Parameters
 * and defaults follow the module's documented ones; only what the security indices use is
 * registered, so an index asking for any other analysis-common component still fails as it
 * would on a node without the module.
 */
public class SecurityIndexAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("uax_url_email", (indexSettings, environment, name, settings) -> urlEmailTokenizer(name, settings));
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            // Configured by definition: without `patterns` there is nothing to capture.
            "pattern_capture",
            AnalysisPlugin.requiresAnalysisSettings((indexSettings, environment, name, settings) -> patternCapture(name, settings)),
            "unique",
            (indexSettings, environment, name, settings) -> unique(name, settings)
        );
    }

    /** `max_token_length` as the module's tokenizer, default 255 (Lucene's standard default). */
    private static TokenizerFactory urlEmailTokenizer(String name, Settings settings) {
        int maxTokenLength = settings.getAsInt("max_token_length", StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH);
        return new AbstractTokenizerFactory(name) {
            @Override
            public Tokenizer create() {
                UAX29URLEmailTokenizer tokenizer = new UAX29URLEmailTokenizer();
                tokenizer.setMaxTokenLength(maxTokenLength);
                return tokenizer;
            }
        };
    }

    /** `patterns` (required, Java regular expressions) and `preserve_original` (default true). */
    private static TokenFilterFactory patternCapture(String name, Settings settings) {
        List<String> sources = settings.getAsList("patterns");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("required setting 'patterns' is missing for token filter [" + name + "]");
        }
        Pattern[] patterns = sources.stream().map(Pattern::compile).toArray(Pattern[]::new);
        boolean preserveOriginal = settings.getAsBoolean("preserve_original", true);
        return new AbstractTokenFilterFactory(name) {
            @Override
            public TokenStream create(TokenStream input) {
                return new PatternCaptureGroupTokenFilter(input, preserveOriginal, patterns);
            }
        };
    }

    /**
     * `only_on_same_position` (default false): false drops every later repeat of a term in the
     * stream, true only repeats stacked on one position, which is Lucene's RemoveDuplicatesTokenFilter.
     */
    private static TokenFilterFactory unique(String name, Settings settings) {
        boolean onlyOnSamePosition = settings.getAsBoolean("only_on_same_position", false);
        return new AbstractTokenFilterFactory(name) {
            @Override
            public TokenStream create(TokenStream input) {
                return onlyOnSamePosition ? new RemoveDuplicatesTokenFilter(input) : new FirstOccurrenceFilter(input);
            }
        };
    }

    /** Passes each distinct term once, the first time it appears. */
    static final class FirstOccurrenceFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final CharArraySet seen = new CharArraySet(8, false);

        FirstOccurrenceFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            while (input.incrementToken()) {
                // CharArraySet keeps the array it is given, and the attribute's buffer is reused.
                char[] copy = new char[term.length()];
                System.arraycopy(term.buffer(), 0, copy, 0, term.length());
                if (seen.add(copy)) return true;
            }
            return false;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            seen.clear();
        }
    }
}
