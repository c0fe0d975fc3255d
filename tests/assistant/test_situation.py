def test_the_age_one_states_is_left_out_of_the_words_to_look_for() -> None:
    from assistant.situation import without_age

    assert without_age("voinko saada opintotukea jos oon 45").split() == [
        "voinko",
        "saada",
        "opintotukea",
        "jos",
        "oon",
    ]
    assert "38" not in without_age("I'm 38 and want to retrain")
    # An age group asked about is the subject: its rules are what is looked for.
    question = "palkkatuki 60-vuotiaalle pitkäaikaistyöttömälle, kauanko se voi kestää?"
    assert without_age(question) == question
