package dev.wenku.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The gateway serving HTTPS itself, with a certificate from Spring Boot's SSL bundle settings (docs/deployment.md):
 * answers over TLS carry {@code Strict-Transport-Security}, so a browser that once reached it securely never falls
 * back to plain HTTP. The certificate is a self-signed one made for this test only.
 */
@Tag("security")
@GatewayTest(properties = {
    "server.ssl.bundle=gateway",
    "spring.ssl.bundle.pem.gateway.keystore.certificate=classpath:tls/test-cert.pem",
    "spring.ssl.bundle.pem.gateway.keystore.private-key=classpath:tls/test-key.pem"
})
class GatewayTlsIT {

    @Value("${local.server.port}")
    int port;

    @Test
    void answersOverHttpsCarryStrictTransportSecurity() throws Exception {
        HttpResponse<String> response = trustingTheTestCertificate().send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        String hsts = response.headers().firstValue("Strict-Transport-Security").orElse("");
        assertTrue(hsts.contains("max-age=") && hsts.contains("includeSubDomains"), "HSTS: " + hsts);
    }

    private static HttpClient trustingTheTestCertificate() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream certificate = GatewayTlsIT.class.getResourceAsStream("/tls/test-cert.pem")) {
            trusted.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509")
                .generateCertificate(certificate));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }
}
