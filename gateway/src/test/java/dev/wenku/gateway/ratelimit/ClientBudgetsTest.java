package dev.wenku.gateway.ratelimit;

import static dev.wenku.gateway.ratelimit.ClientBudgets.Budget.LOG_IN;
import static dev.wenku.gateway.ratelimit.ClientBudgets.Budget.READ;
import static dev.wenku.gateway.ratelimit.ClientBudgets.Budget.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientBudgetsTest {

    private final AtomicLong now = new AtomicLong();
    private final ClientBudgets budgets = new ClientBudgets(
        new RateLimitProperties(true, 10, 5, 1, 2, 0.5, 1, 3, false), now::get);

    @Test
    void aBurstIsServedThenTheClientWaitsForTheRefill() {
        for (int i = 0; i < 5; i++) {
            assertEquals(0, budgets.spend("a", READ));
        }
        long wait = budgets.spend("a", READ);
        assertTrue(wait > 0 && wait <= 100_000_000L, "one read per 100 ms at 10/s: " + wait);
        now.addAndGet(100_000_000L);
        assertEquals(0, budgets.spend("a", READ));
    }

    @Test
    void writesHaveTheirOwnSmallerBudgetAndClientsDoNotShare() {
        assertEquals(0, budgets.spend("a", WRITE));
        assertEquals(0, budgets.spend("a", WRITE));
        assertTrue(budgets.spend("a", WRITE) >= 900_000_000L, "about a second until the next write at 1/s");
        assertEquals(0, budgets.spend("a", READ), "reads are a separate budget");
        assertEquals(0, budgets.spend("b", WRITE), "another client has its own");
    }

    @Test
    void beyondMaxClientsOnlyClientsWhoseBudgetIsFullAgainAreForgotten() {
        for (int i = 0; i < 5; i++) {
            budgets.spend("busy", READ);
        }
        budgets.spend("idle-1", READ);
        now.addAndGet(1_000_000_000L);
        budgets.spend("idle-2", READ);
        budgets.spend("new", READ);
        assertEquals(2, budgets.tracked(READ), "the refilled (full) buckets were dropped to make room: idle-2, new");
        assertEquals(0, budgets.spend("busy", READ), "a forgotten client starts again with a full budget");
    }

    @Test
    void passwordChecksHaveTheSmallestBudgetOfAll() {
        assertEquals(0, budgets.spend("a", LOG_IN));
        assertTrue(budgets.spend("a", LOG_IN) >= 1_900_000_000L, "one check per two seconds at 0.5/s");
        assertEquals(0, budgets.spend("a", READ), "reads are a separate budget");
        now.addAndGet(2_000_000_000L);
        assertEquals(0, budgets.spend("a", LOG_IN));
    }
}
