package dev.wenku.text;

import java.util.List;

/** A text split into essays; {@code description} is the preface before the first heading, or null. */
public record Compilation(String description, List<Essay> essays) {

    public Compilation {
        essays = List.copyOf(essays);
    }
}
