package com.partnerplatform.user.notification;

import com.partnerplatform.user.NotificationRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a notification's subject, plain text and HTML from the templates of its type under
 * {@code templates/notifications/{type}/} ({@code subject.txt}, {@code body.txt},
 * {@code body.html}), or from {@code default/}, which shows the caller's subject and message. The
 * HTML template engine escapes every value it writes.
 *
 * <p>Templates see {@code name} (the recipient's name), {@code subject} and {@code message} (the
 * caller's text) and {@code data} (the request's values, e.g. {@code data['verificationUrl']}).
 */
@Component
class NotificationTemplates {

  static final String DEFAULT_TYPE = "default";
  private static final String ROOT = "templates/notifications/";

  // Its own engine: Spring Boot's is for web views and must not resolve these templates.
  private final SpringTemplateEngine engine = new SpringTemplateEngine();
  private final Map<String, String> directoryByType = new ConcurrentHashMap<>();

  NotificationTemplates() {
    engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 1));
    engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 2));
  }

  RenderedNotification render(NotificationRequest request, String recipientName) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("name", recipientName);
    context.setVariable("subject", request.subject());
    context.setVariable("message", request.message());
    context.setVariable("data", request.data() == null ? Map.of() : request.data());
    String directory = directoryByType.computeIfAbsent(request.type(), NotificationTemplates::directory);
    return new RenderedNotification(
        oneLine(engine.process(directory + "/subject.txt", context)),
        engine.process(directory + "/body.txt", context),
        engine.process(directory + "/body.html", context));
  }

  /** The type's own templates when it has them; the type is checked before it becomes a path. */
  private static String directory(String type) {
    boolean own = NotificationTypes.isValid(type) && new ClassPathResource(ROOT + type + "/subject.txt").exists();
    return own ? type : DEFAULT_TYPE;
  }

  /** A subject is one header line: line breaks would let text inject headers. */
  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix(ROOT);
    resolver.setTemplateMode(mode);
    resolver.setResolvablePatterns(Set.of("*" + suffix));
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setOrder(order);
    resolver.setCacheable(true);
    return resolver;
  }

  /** A notification as it is sent. */
  record RenderedNotification(String subject, String text, String html) {}
}
