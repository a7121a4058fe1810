package com.partnerplatform.platform.mail;

import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * With {@code platform.mail.embedded=true} (the local default) mail goes to the embedded SMTP
 * server; otherwise Spring Boot's sender uses the relay configured under {@code spring.mail}.
 */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "platform.mail.embedded", havingValue = "true")
  EmbeddedMailServer embeddedMailServer(MailSettings settings) {
    return new EmbeddedMailServer(settings.embeddedPort());
  }

  @Bean
  @ConditionalOnProperty(name = "platform.mail.embedded", havingValue = "true")
  JavaMailSender embeddedMailSender(EmbeddedMailServer server) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(server.port());
    sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
    sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
    sender.getJavaMailProperties().put("mail.smtp.timeout", "10000");
    sender.getJavaMailProperties().put("mail.smtp.writetimeout", "10000");
    return sender;
  }

  /** While tracing is on, every mail sender (the embedded one or Spring Boot's) is observed. */
  @Bean
  @ConditionalOnBooleanProperty("management.tracing.export.enabled")
  static BeanPostProcessor observedMailSenders(ObjectProvider<ObservationRegistry> registry) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof JavaMailSender sender && !(bean instanceof ObservedMailSender)
            ? new ObservedMailSender(sender, registry.getObject()) : bean;
      }
    };
  }
}
