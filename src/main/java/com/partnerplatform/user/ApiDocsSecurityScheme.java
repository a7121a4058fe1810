package com.partnerplatform.user;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the {@code bearer} scheme that protected endpoints reference with
 * {@code @SecurityRequirement(name = "bearer")}, so Swagger UI can send an access token.
 */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
    description = "Access token from POST /api/auth/login or /api/auth/refresh")
class ApiDocsSecurityScheme {}
