package com.partnerplatform.platform.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.partnerplatform.platform.PlatformProperties;
import com.partnerplatform.platform.web.Problems;
import java.time.Clock;
import javax.crypto.SecretKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Stateless bearer-token security: the API needs a valid access token except for the auth
 * endpoints, health, metrics and API docs; roles come from the token's {@code roles} claim and are
 * checked per endpoint with {@code @PreAuthorize}. Refusals are problem documents.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
    http.csrf(csrf -> csrf.disable())
        // Only origins configured in platform.temporal.encryption.codec-cors-origins (the Web UI).
        .cors(Customizer.withDefaults())
        // Spring's defaults (nosniff, X-Frame-Options DENY, no-store) plus what they lack; no
        // stricter CSP, which would break Swagger UI.
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors 'none'"))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(HttpMethod.POST,
                "/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout")
            .permitAll()
            .requestMatchers(HttpMethod.GET, "/api/auth/verify-email").permitAll()
            .requestMatchers(HttpMethod.GET, "/api/search/**").permitAll()
            // Gateways call these; the controller verifies their signatures instead of a token.
            .requestMatchers(HttpMethod.POST, "/api/payments/webhooks/**").permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                "/actuator/prometheus")
            .permitAll()
            .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
            .permitAll()
            .requestMatchers("/error").permitAll()
            .anyRequest().authenticated())
        .oauth2ResourceServer(oauth -> oauth
            .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
            .authenticationEntryPoint((request, response, e) -> Problems.write(response,
                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid bearer access token is required."))
            .accessDeniedHandler((request, response, e) -> Problems.write(response,
                HttpStatus.FORBIDDEN, "FORBIDDEN", "You are not allowed to do this.")))
        .exceptionHandling(ex -> ex
            .authenticationEntryPoint((request, response, e) -> Problems.write(response,
                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid bearer access token is required."))
            .accessDeniedHandler((request, response, e) -> Problems.write(response,
                HttpStatus.FORBIDDEN, "FORBIDDEN", "You are not allowed to do this.")));
    return http.build();
  }

  private static JwtAuthenticationConverter rolesFromClaim() {
    JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
    authorities.setAuthoritiesClaimName(AccessTokens.ROLES_CLAIM);
    authorities.setAuthorityPrefix("ROLE_");
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(authorities);
    return converter;
  }

  @Bean
  SecretKey accessTokenKey(SecurityProperties security, PlatformProperties platform) {
    return SigningSecret.resolve(security.jwtSecret(), platform.dataDir());
  }

  @Bean
  JwtEncoder jwtEncoder(SecretKey accessTokenKey) {
    return new NimbusJwtEncoder(new ImmutableSecret<>(accessTokenKey));
  }

  @Bean
  JwtDecoder jwtDecoder(SecretKey accessTokenKey) {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withSecretKey(accessTokenKey).macAlgorithm(MacAlgorithm.HS256).build();
    decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(AccessTokens.ISSUER));
    return decoder;
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
