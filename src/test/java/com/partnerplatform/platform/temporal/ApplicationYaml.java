package com.partnerplatform.platform.temporal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

/** The production application.yml, bound without a Spring context, with test overrides on top. */
public final class ApplicationYaml {

  private ApplicationYaml() {}

  public static Binder withOverrides(String overridesYaml) {
    YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
    MutablePropertySources sources = new MutablePropertySources();
    try {
      loader.load("overrides", new ByteArrayResource(overridesYaml.getBytes(StandardCharsets.UTF_8)))
          .forEach(sources::addLast);
      loader.load("application.yml", new ClassPathResource("application.yml")).forEach(sources::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
  }
}
