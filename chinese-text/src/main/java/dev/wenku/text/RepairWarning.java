package dev.wenku.text;

/**
 * Something repair could not fix.
 *
 * @param kind     what kind of damage, e.g. {@code mojibake}
 * @param position character offset in the repaired text where the damage was
 * @param excerpt  the repaired text around {@code position}
 * @param message  what was found and what is lost
 */
public record RepairWarning(String kind, int position, String excerpt, String message) {
}
