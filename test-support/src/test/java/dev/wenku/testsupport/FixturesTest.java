package dev.wenku.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixturesTest {

    @Test
    void everyNamedFixtureExists() throws Exception {
        List<String> named = new ArrayList<>();
        for (Field field : Fixtures.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                named.add((String) field.get(null));
            }
        }
        assertThat(named).hasSizeGreaterThan(5);
        assertThat(Fixtures.names()).containsAll(named);
    }

    @Test
    void bytesAreTheFilesBytes() throws Exception {
        byte[] pdf = Fixtures.bytes(Fixtures.ESSAY_PDF);
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(Files.readAllBytes(Fixtures.path(Fixtures.ESSAY_PDF))).isEqualTo(pdf);
        assertThat(Fixtures.bytes(Fixtures.TRUNCATED_PDF)).hasSize(13_000).isEqualTo(Arrays.copyOf(pdf, 13_000));
    }

    @Test
    void anExtractedCopyKeepsTheFileNameAndBytes() throws Exception {
        Path copy = Fixtures.extract(Fixtures.ESSAY_DOCX);
        assertThat(copy.getFileName()).hasToString("essay.docx");
        assertThat(Files.readAllBytes(copy)).isEqualTo(Fixtures.bytes(Fixtures.ESSAY_DOCX));
    }

    @Test
    void anUnknownNameIsAClearError() {
        assertThatThrownBy(() -> Fixtures.bytes("documents/essay.odt"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no fixture 'documents/essay.odt'")
            .hasMessageContaining(Fixtures.ESSAY_DOCX);
        assertThatThrownBy(() -> Fixtures.path("../pom.xml")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSeedIsFoundFromTheModuleDirectory() {
        assertThat(SeedCorpus.path()).endsWith(Path.of("seeds", "000_46f25000791b86e7.txt"));
        assertThat(SeedCorpus.text()).contains("心得體會感悟1");
        assertThatThrownBy(() -> SeedCorpus.locate("seeds/no-such-seed.txt"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("seeds/no-such-seed.txt not found");
    }
}
