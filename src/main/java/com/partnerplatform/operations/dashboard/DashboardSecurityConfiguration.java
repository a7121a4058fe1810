package com.partnerplatform.operations.dashboard;

import com.partnerplatform.user.Credentials;
import com.partnerplatform.user.Credentials.Refused;
import com.partnerplatform.user.Credentials.VerifiedUser;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The dashboard's own filter chain, before the API's: a login form checked through the user
 * module (same throttle and disabled accounts as the API login), a server session, CSRF tokens on
 * every form. Pages are ADMIN's, the review pages also REVIEWER's; each action then calls the API
 * with the signed-in user's identity, so it is authorised exactly as the API authorises it.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurityConfiguration {

  static final String LOGIN = "/dashboard/login";

  @Bean
  @Order(1)
  SecurityFilterChain dashboardSecurity(HttpSecurity http, Credentials credentials) throws Exception {
    http.securityMatcher("/dashboard", "/dashboard/**")
        .authenticationManager(new ProviderManager(new CredentialsProvider(credentials)))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(LOGIN, "/dashboard/assets/**").permitAll()
            .requestMatchers("/dashboard", "/dashboard/reviews", "/dashboard/reviews/**")
            .hasAnyRole("ADMIN", "REVIEWER")
            .anyRequest().hasRole("ADMIN"))
        .formLogin(form -> form
            .loginPage(LOGIN)
            .usernameParameter("email")
            .defaultSuccessUrl("/dashboard", false)
            .failureHandler((request, response, e) -> response.sendRedirect(
                request.getContextPath() + LOGIN + "?error=" + LoginError.of(e).name().toLowerCase())))
        .logout(logout -> logout
            .logoutUrl("/dashboard/logout")
            .logoutSuccessUrl(LOGIN + "?logout"));
    return http.build();
  }

  enum LoginError {
    INVALID, DISABLED, THROTTLED;

    static LoginError of(AuthenticationException e) {
      return e instanceof DisabledException ? DISABLED : e instanceof LockedException ? THROTTLED : INVALID;
    }
  }

  private record CredentialsProvider(Credentials credentials) implements AuthenticationProvider {

    @Override
    public Authentication authenticate(Authentication login) {
      String address = login.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "";
      VerifiedUser user;
      try {
        user = credentials.verify(login.getName(), String.valueOf(login.getCredentials()), address);
      } catch (Refused e) {
        throw switch (e.reason()) {
          case ACCOUNT_DISABLED -> new DisabledException(e.getMessage());
          case THROTTLED -> new LockedException(e.getMessage());
          case INVALID_CREDENTIALS -> new BadCredentialsException(e.getMessage());
        };
      }
      List<SimpleGrantedAuthority> roles =
          user.roles().stream().sorted().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
      return UsernamePasswordAuthenticationToken.authenticated(new DashboardUser(user.id(), user.email()), null, roles);
    }

    @Override
    public boolean supports(Class<?> authentication) {
      return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
  }
}
