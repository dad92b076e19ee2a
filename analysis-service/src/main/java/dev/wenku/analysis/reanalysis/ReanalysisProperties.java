package dev.wenku.analysis.reanalysis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the instances share a re-analysis ({@code wenku.analysis.reanalysis.*}).
 *
 * @param lease        how long an instance holds a partition of a run without a sign of life (it renews with every
 *                     batch); past it, another instance takes the partition over from the offset it had reached, so
 *                     an instance killed during a run delays its partition by this much at most
 * @param pollInterval how often an idle instance looks for a partition of a running re-analysis to work on
 */
@ConfigurationProperties("wenku.analysis.reanalysis")
public record ReanalysisProperties(@DefaultValue("30s") Duration lease, @DefaultValue("2s") Duration pollInterval) {

    public ReanalysisProperties {
        if (!lease.isPositive() || !pollInterval.isPositive()) {
            throw new IllegalArgumentException("wenku.analysis.reanalysis.lease and .poll-interval must be positive");
        }
    }
}
