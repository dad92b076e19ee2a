package dev.wenku.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientBudgetsTest {

    private final AtomicLong now = new AtomicLong();
    private final ClientBudgets budgets = new ClientBudgets(
        new RateLimitProperties(true, 10, 5, 1, 2, 3, false), now::get);

    @Test
    void aBurstIsServedThenTheClientWaitsForTheRefill() {
        for (int i = 0; i < 5; i++) {
            assertEquals(0, budgets.spend("a", false));
        }
        long wait = budgets.spend("a", false);
        assertTrue(wait > 0 && wait <= 100_000_000L, "one read per 100 ms at 10/s: " + wait);
        now.addAndGet(100_000_000L);
        assertEquals(0, budgets.spend("a", false));
    }

    @Test
    void writesHaveTheirOwnSmallerBudgetAndClientsDoNotShare() {
        assertEquals(0, budgets.spend("a", true));
        assertEquals(0, budgets.spend("a", true));
        assertTrue(budgets.spend("a", true) >= 900_000_000L, "about a second until the next write at 1/s");
        assertEquals(0, budgets.spend("a", false), "reads are a separate budget");
        assertEquals(0, budgets.spend("b", true), "another client has its own");
    }

    @Test
    void beyondMaxClientsOnlyClientsWhoseBudgetIsFullAgainAreForgotten() {
        for (int i = 0; i < 5; i++) {
            budgets.spend("busy", false);
        }
        budgets.spend("idle-1", false);
        now.addAndGet(1_000_000_000L);
        budgets.spend("idle-2", false);
        budgets.spend("new", false);
        assertEquals(2, budgets.tracked(false), "the refilled (full) buckets were dropped to make room: idle-2, new");
        assertEquals(0, budgets.spend("busy", false), "a forgotten client starts again with a full budget");
    }
}
