package dev.wenku.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a zip's entries are named, classified and counted before and while it is imported. */
class ZipEntriesTest {

    @TempDir
    Path folder;

    @Test
    void directoriesAndHiddenFilesArePassedOverAndNamesLeavingTheZipRefused() {
        assertThat(ZipEntryPath.of("唐诗/静夜思.txt")).isEqualTo(ZipEntryPath.FILE);
        assertThat(ZipEntryPath.of("./唐诗/静夜思.txt")).isEqualTo(ZipEntryPath.FILE);
        assertThat(ZipEntryPath.of("唐诗/")).isEqualTo(ZipEntryPath.SKIPPED);
        assertThat(ZipEntryPath.of("__MACOSX/唐诗/._静夜思.txt")).isEqualTo(ZipEntryPath.SKIPPED);
        assertThat(ZipEntryPath.of("唐诗/.DS_Store")).isEqualTo(ZipEntryPath.SKIPPED);
        assertThat(ZipEntryPath.of(".git/config")).isEqualTo(ZipEntryPath.SKIPPED);
        for (String unsafe : List.of("../evil.txt", "a/../../evil.txt", "/etc/passwd", "\\\\server\\x.txt", "C:\\x.txt",
            "a\\..\\..\\x.txt")) {
            assertThat(ZipEntryPath.of(unsafe)).as(unsafe).isEqualTo(ZipEntryPath.UNSAFE);
        }
        assertThat(ZipEntryPath.normalized("./唐诗\\\\静夜思.txt")).isEqualTo("唐诗/静夜思.txt");
        assertThat(ZipEntryPath.baseName("唐诗/静夜思.txt")).isEqualTo("静夜思.txt");
    }

    @Test
    void unmarkedNamesAreReadAsUtf8WhenTheyAreAndOtherwiseAsGbk() throws Exception {
        Path gbk = zip("gbk.zip", Charset.forName("GBK"), "唐诗/静夜思.txt");
        Path unmarked = zip("unmarked.zip", ZipNameCharset.INSTANCE, "宋词/水调歌头.txt");
        Path marked = zip("marked.zip", StandardCharsets.UTF_8, "元曲/天净沙.txt");
        for (Path file : List.of(gbk, unmarked, marked)) {
            try (ZipFile zip = new ZipFile(file.toFile(), ZipNameCharset.INSTANCE)) {
                assertThat(Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList())
                    .containsExactly(file == gbk ? "唐诗/静夜思.txt" : file == unmarked ? "宋词/水调歌头.txt" : "元曲/天净沙.txt");
            }
        }
    }

    @Test
    void theCentralDirectoryIsMeasuredFromTheEndRecordAndAnythingElseIsNoZip() throws Exception {
        Path file = zip("three.zip", StandardCharsets.UTF_8, "a.txt", "b/", "b/c.txt");
        ZipDirectory directory = ZipDirectory.of(file);
        assertThat(directory.entries()).isEqualTo(3);
        assertThat(directory.size()).isBetween(3L * 46, 3L * 46 + 64);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(ZipSource.files(zip)).as("the directory is no file").isEqualTo(2);
        }
        Path text = Files.writeString(folder.resolve("text.zip"), "这不是压缩文件。");
        assertThatThrownBy(() -> ZipDirectory.of(text)).isInstanceOf(ZipException.class);
    }

    /** A zip of the named entries (a name ending in / is a directory), the names encoded in {@code names}. */
    private Path zip(String fileName, Charset names, String... entries) throws Exception {
        Zips zips = new Zips();
        for (String entry : entries) {
            zips.add(entry, entry.endsWith("/") ? new byte[0] : "床前明月光".getBytes(StandardCharsets.UTF_8));
        }
        return Files.write(folder.resolve(fileName), zips.bytes(names));
    }
}
