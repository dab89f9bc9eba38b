# -*- encoding: utf-8 -*-
# stub: nokogiri 1.15.4 x86_64-linux lib
# Test fixture written for Ward in the form RubyGems writes installed specifications.

Gem::Specification.new do |spec|
  spec.name = "nokogiri".freeze
  spec.version = "1.15.4"
  spec.platform = "x86_64-linux".freeze
  spec.licenses = ["MIT".freeze, "Apache-2.0".freeze]
  spec.summary = "Nokogiri (\u92F8) makes it easy and painless to work with XML and HTML from Ruby.".freeze
end
