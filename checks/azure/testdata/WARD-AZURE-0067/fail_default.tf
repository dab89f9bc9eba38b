terraform {
  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "example" {
  name     = "example-resources"
  location = "West Europe"
}

resource "azurerm_security_center_contact" "example" {
  name                = "contact"
  phone               = "+1-555-555-5555"
  alert_notifications = true
  alerts_to_admins    = true
}
