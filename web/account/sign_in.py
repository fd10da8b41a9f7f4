"""Signing in and choosing a new password: Django's own views and forms, with error messages
in the GOV.UK Design System's words, each next to the box it is about. Django's say "This
field is required." and "Please enter a correct username and password.", in the error
summary only."""

from django.contrib.auth import views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.urls import path


def ask_for(form, **messages: str) -> None:
    """Each named field's message when it is left empty."""
    for name, message in messages.items():
        form.fields[name].error_messages["required"] = message


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ask_for(self, username="Enter your username", password="Enter your password")

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            if error.code != "invalid_login":
                raise
            # By the username box, which the error summary links to: the password box is
            # shown empty again, as it always is.
            self.add_error("username", error)
            return self.cleaned_data


class ForgottenPasswordForm(PasswordResetForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ask_for(self, email="Enter the email address of your account")
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )


class NewPasswordForm(SetPasswordForm):
    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": "Enter the same new password in both boxes",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ask_for(
            self,
            new_password1="Enter a new password",
            new_password2="Enter the new password again",
        )


# Before django.contrib.auth.urls (config/urls.py), whose other pages are used as they are.
urlpatterns = [
    path("login/", views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    path(
        "password_reset/",
        views.PasswordResetView.as_view(form_class=ForgottenPasswordForm),
        name="password_reset",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm),
        name="password_reset_confirm",
    ),
]
