"""Streamlit page scripts (one per page) and the frame around them: the only place
`st.` is called."""
